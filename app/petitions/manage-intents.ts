/**
 * What the petition dashboard's forms can ask for: the one list the action
 * dispatches on (app/petitions/manage-action.server.ts) and the forms put in
 * their hidden `intent` field, so the two cannot drift apart.
 */
export const manageIntent = {
	publish: 'publish',
	close: 'close',
	reopen: 'reopen',
	deliver: 'deliver',
	update: 'update',
	appeal: 'appeal',
} as const

export type ManageIntent = (typeof manageIntent)[keyof typeof manageIntent]

/** The intents that move a petition along its lifecycle. */
export type StatusIntent = typeof manageIntent.publish | typeof manageIntent.close | typeof manageIntent.reopen

const intents: readonly string[] = Object.values(manageIntent)

export function isManageIntent(value: unknown): value is ManageIntent {
	return typeof value === 'string' && intents.includes(value)
}

export function isStatusIntent(value: unknown): value is StatusIntent {
	return value === manageIntent.publish || value === manageIntent.close || value === manageIntent.reopen
}
