/**
 * The roles allowed each ability in the UI, used only to hide buttons and menus a role cannot use.
 * The API checks every request itself, so a mistake here shows or hides a control but
 * never grants access.
 * TODO: read these from the API once GET /users/me returns the user's permissions; this
 * table repeats hospital_crm.core.permissions by hand.
 */
export const roleAbilities = {
  writePatients: ["admin", "coordinator", "partner"],
  mergePatients: ["admin", "coordinator"],
  revealIdentity: ["admin", "coordinator", "finance", "partner"],
  revealMedical: ["admin", "coordinator", "doctor", "interpreter"],
  writeCases: ["admin", "coordinator", "doctor", "partner"],
  readStaff: ["admin", "coordinator", "doctor", "interpreter", "finance"],
  writeTasks: ["admin", "coordinator", "doctor", "interpreter", "finance"],
  importData: ["admin", "coordinator"],
  exportData: ["admin", "coordinator", "finance"],
  admin: ["admin"],
} as const satisfies Record<string, readonly string[]>;

export type Ability = keyof typeof roleAbilities;
