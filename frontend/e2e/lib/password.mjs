/** Password of every user the browser tests create; it meets the backend's 12-character policy. */
export const PASSWORD = "E2e-Correct-Horse-42";
