// Call the REST API directly, as the seed and tests do to set up data without the UI.
import { PASSWORD } from "./password.mjs";

/** Send one request and return the parsed JSON body; throws with the status and body when the API rejects it. */
export async function callApi(baseUrl, token, method, path, body) {
  const response = await fetch(`${baseUrl}/api/v1${path}`, {
    method,
    headers: { "Content-Type": "application/json", ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) {
    throw new Error(`${method} ${path} failed with ${response.status}: ${text}`);
  }
  return text ? JSON.parse(text) : null;
}

/** Log in as `email` and return a function that calls the API with that user's access token. */
export async function apiAs(baseUrl, email) {
  const { access_token: token } = await callApi(baseUrl, null, "POST", "/auth/login", { email, password: PASSWORD });
  return (method, path, body) => callApi(baseUrl, token, method, path, body);
}
