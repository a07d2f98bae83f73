// Which actions to offer the signed-in operator. Only a courtesy: the workflow's validators decide, and their refusals are shown.

const EVERY_ROLE = '*';
const CONTROL_ROLES = ['cutover-lead'];

export function hasRole(me, allowed) {
  return Boolean(me) && (me.roles.includes(EVERY_ROLE) || me.roles.some((role) => allowed.includes(role)));
}

/** A waiting item (open gate or step waiting for a person) names the roles that may act on it. */
export const mayAct = (me, item) => hasRole(me, item.roles);

/** Pause, resume and rollback belong to the cutover lead. */
export const mayControl = (me) => hasRole(me, CONTROL_ROLES);

/** Whether this operator's approval already counts toward the gate's quorum. */
export const alreadyApproved = (me, item) => Boolean(me) && (item.approvedBy ?? []).includes(me.operator);
