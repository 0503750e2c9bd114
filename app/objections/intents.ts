/**
 * What the objection page's forms can ask for: the one list the action
 * dispatches on (app/objections/objection-action.server.ts) and the forms put
 * in their hidden `intent` field.
 */
export const objectionIntent = {
	save: 'save',
	addGround: 'add-ground',
	updateGround: 'update-ground',
	removeGround: 'remove-ground',
	addLink: 'add-link',
	addFile: 'add-file',
	comment: 'comment',
	approve: 'approve',
	invite: 'invite',
	fileEmail: 'file-email',
	recordFiling: 'record-filing',
	acknowledge: 'acknowledge',
	outcome: 'outcome',
	publish: 'publish',
	unpublish: 'unpublish',
	model: 'model',
	unmodel: 'unmodel',
} as const

export type ObjectionIntent = (typeof objectionIntent)[keyof typeof objectionIntent]

const intents: readonly string[] = Object.values(objectionIntent)

export function isObjectionIntent(value: unknown): value is ObjectionIntent {
	return typeof value === 'string' && intents.includes(value)
}
