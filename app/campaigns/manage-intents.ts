/**
 * What the campaign's manage page can ask for: the one list the action
 * dispatches on (manage-action.server.ts) and the forms take their hidden
 * `intent` from, so the two cannot drift apart.
 */
export const manageIntent = {
	status: 'status',
	stage: 'stage',
	removeStage: 'remove-stage',
	addStage: 'add-stage',
	addFile: 'add-file',
	publishFile: 'publish-file',
	holdFile: 'hold-file',
	removeFile: 'remove-file',
	milestone: 'milestone',
	milestoneDone: 'milestone-done',
	ballot: 'ballot',
	districts: 'districts',
	link: 'link',
	unlink: 'unlink',
	endorse: 'endorse',
	invite: 'invite',
	update: 'update',
} as const

export type ManageIntent = (typeof manageIntent)[keyof typeof manageIntent]

const intents: readonly string[] = Object.values(manageIntent)

export function isManageIntent(value: unknown): value is ManageIntent {
	return typeof value === 'string' && intents.includes(value)
}

/** What the public page's forms ask for. */
export const pageIntent = { follow: 'follow', unfollow: 'unfollow', accept: 'accept', decline: 'decline' } as const
export type PageIntent = (typeof pageIntent)[keyof typeof pageIntent]
const pageIntents: readonly string[] = Object.values(pageIntent)
export function isPageIntent(value: unknown): value is PageIntent {
	return typeof value === 'string' && pageIntents.includes(value)
}
