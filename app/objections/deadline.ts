import type { Clock } from '#app/siting/projects.server'

// The deadline an objection works to: the proceeding's written-comment cut-off,
// or, when none is recorded, the day the record closes.

export function commentDeadline(proceeding: { clocks: Array<Pick<Clock, 'kind' | 'dueAt' | 'allDay'>> }) {
	return (
		proceeding.clocks.find((clock) => clock.kind === 'comment_deadline') ??
		proceeding.clocks.find((clock) => clock.kind === 'record_closes') ??
		null
	)
}
