import type { MembershipRole, MembershipStatus } from '#app/db/types'
import type { EmailFrequency } from './schemas'

// What the pages need to know about the viewer's place in a chapter; shared
// by server modules and components (no database code here).

export type Role = MembershipRole
export type { MembershipStatus }

export type ViewerMembership = { role: Role; status: MembershipStatus; emailFrequency: EmailFrequency | null } | null

export function isOrganizer(membership: ViewerMembership) {
	return membership?.role === 'organizer' && membership.status === 'active'
}

export function isActiveMember(membership: ViewerMembership) {
	return membership?.status === 'active'
}
