// When each speaker is likely to be called (docs/decisions/057). A hearing's
// list starts at the hearing's time; the speaker in slot n is called after
// everyone in slots 1 to n-1 has had their time: a representative of an
// organization their longer time, anyone else (and a slot nobody holds yet,
// which someone may still take) the standard time. Several hearings before
// the same body on the same evening are heard one after another, in the order
// of their times, so a later hearing's list starts no earlier than the end of
// the one before it: a person on two lists never has two overlapping times.
// With no speaking limit recorded there is no estimate (never guess).

export type HearingToSchedule = {
	clockId: string
	/** Hearings of the same body on the same local day are heard in sequence. */
	bodyId: string | null
	timeZone: string
	startsAt: Date
	speakingMinutes: number | null
	representativeMinutes: number | null
	/** The slots people hold. */
	slots: Array<{ slot: number; representative: boolean }>
}

export type HearingSchedule = {
	/** When this list's first speaker is expected: the hearing's time, or the end of the hearing heard before it. */
	listStartsAt: Date
	/** The hearing heard just before this one the same evening, if any. */
	afterClockId: string | null
	/** Minutes each speaker has, or null when no limit is recorded. */
	minutes: number | null
	representativeMinutes: number | null
	/** The expected start of a slot, or null without a speaking limit. */
	slotStartsAt: (slot: number) => Date | null
	/** When the last held slot is expected to finish, or null without a speaking limit. */
	endsAt: Date | null
}

const MINUTE = 60_000

function localDay(at: Date, timeZone: string) {
	return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at)
}

function minutesOf(hearing: HearingToSchedule, representative: boolean) {
	if (hearing.speakingMinutes === null) return null
	return representative ? (hearing.representativeMinutes ?? hearing.speakingMinutes) : hearing.speakingMinutes
}

/** Minutes from the list's start to the start of `slot`. */
function offsetOf(hearing: HearingToSchedule, slot: number) {
	const held = new Map(hearing.slots.map((entry) => [entry.slot, entry.representative]))
	let total = 0
	for (let before = 1; before < slot; before += 1) total += minutesOf(hearing, held.get(before) ?? false) ?? 0
	return total
}

export function scheduleHearings(hearings: HearingToSchedule[]): Map<string, HearingSchedule> {
	const groups = new Map<string, HearingToSchedule[]>()
	for (const hearing of hearings) {
		const key = hearing.bodyId ? `${hearing.bodyId}:${localDay(hearing.startsAt, hearing.timeZone)}` : `clock:${hearing.clockId}`
		groups.set(key, [...(groups.get(key) ?? []), hearing])
	}
	const schedules = new Map<string, HearingSchedule>()
	for (const group of groups.values()) {
		group.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime() || a.clockId.localeCompare(b.clockId))
		let previousId: string | null = null
		let previousEnd: Date | null = null
		for (const hearing of group) {
			const listStartsAt: Date = previousEnd && previousEnd.getTime() > hearing.startsAt.getTime() ? previousEnd : hearing.startsAt
			const known = hearing.speakingMinutes !== null
			const lastSlot = Math.max(0, ...hearing.slots.map((entry) => entry.slot))
			const lastMinutes = minutesOf(hearing, hearing.slots.find((entry) => entry.slot === lastSlot)?.representative ?? false) ?? 0
			const endsAt: Date | null = known
				? new Date(listStartsAt.getTime() + (lastSlot ? offsetOf(hearing, lastSlot) + lastMinutes : 0) * MINUTE)
				: null
			schedules.set(hearing.clockId, {
				listStartsAt,
				afterClockId: previousId,
				minutes: hearing.speakingMinutes,
				representativeMinutes: hearing.representativeMinutes,
				slotStartsAt: (slot) => (known ? new Date(listStartsAt.getTime() + offsetOf(hearing, slot) * MINUTE) : null),
				endsAt,
			})
			previousId = hearing.clockId
			previousEnd = endsAt ?? previousEnd
		}
	}
	return schedules
}

/** How long one speaker has: a representative's longer time where the body gives one. */
export function speakingTime(rules: { speakingMinutes: number | null; representativeMinutes: number | null }, representative: boolean) {
	if (rules.speakingMinutes === null) return null
	return representative ? (rules.representativeMinutes ?? rules.speakingMinutes) : rules.speakingMinutes
}
