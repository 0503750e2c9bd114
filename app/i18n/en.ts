// The English message catalog. Every user-facing string lives here, one
// file per area of the product so features can grow their own; Spanish comes
// next as es/ with the same keys. No literal text is scattered through components.
import { account } from './en/account'
import { auth } from './en/auth'
import { campaigns } from './en/campaigns'
import { chapters } from './en/chapters'
import { comments } from './en/comments'
import { core } from './en/core'
import { deadlines } from './en/deadlines'
import { email } from './en/email'
import { events } from './en/events'
import { limits } from './en/limits'
import { memberHome } from './en/member-home'
import { moderation } from './en/moderation'
import { objections } from './en/objections'
import { petitions } from './en/petitions'
import { siting } from './en/siting'
import { sitingCommunity } from './en/siting-community'
import { noticeCheckMessages, proceedingEdits, sitingEdits } from './en/siting-edits'
import { sitingRecord } from './en/siting-record'
import { speakers } from './en/speakers'

export const en = {
	...core,
	...auth,
	...account,
	...email,
	...petitions,
	...moderation,
	...chapters,
	...events,
	...limits,
	...siting,
	...sitingCommunity,
	...sitingEdits,
	...proceedingEdits,
	...noticeCheckMessages,
	...sitingRecord,
	...deadlines,
	...objections,
	...comments,
	...speakers,
	...campaigns,
	...memberHome,
} as const

export type MessageKey = keyof typeof en
