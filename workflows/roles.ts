/** Who may act on what, as pure rules shared by the validators and the views. */

/** Who may pause, resume or roll back a cutover (and answer for any step). */
export const CONTROL_ROLES = ['cutover-lead'];

/** The role that stands for every role. */
export const EVERY_ROLE = '*';

export function hasRole(actorRoles: readonly string[], allowed: readonly string[]): boolean {
  return actorRoles.includes(EVERY_ROLE) || actorRoles.some((role) => allowed.includes(role));
}

/** A step's owner acts on it, and so does the cutover lead. */
export function stepActors(owner: string | null | undefined): string[] {
  return owner ? [owner, ...CONTROL_ROLES.filter((role) => role !== owner)] : [...CONTROL_ROLES];
}
