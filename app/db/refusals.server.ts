import pg from 'pg'

/**
 * What kind of "no" the database said. Row-level security, constraints and
 * triggers are the rules (docs/decisions/003); a write they refuse comes back
 * as a SQLSTATE, and this is the one place that reads it. Server modules turn
 * a refusal into an outcome, routes turn the outcome into the user's message
 * (docs/decisions/044).
 */
export type RefusalKind =
	/** 42501: RLS or a function's own check said this caller may not. */
	| 'not_allowed'
	/** 23505: a unique constraint: it exists already. */
	| 'duplicate'
	/** 23503: a foreign key: what it points at is gone, or was never there. */
	| 'missing_reference'
	/** 23514, 23502 and class 22: a check, a not-null, a value the column cannot hold. */
	| 'invalid'
	/** P0001: a trigger or function refused on a rule; `hint` names the rule. */
	| 'rule'
	/** P0002: a function found nothing to act on; `hint` names what. */
	| 'not_found'

export type Refusal = { kind: RefusalKind; hint: string | null; code: string }

/** A database error that is a refusal, described; anything else (a lost connection, a bug) is null. */
export function refusalOf(error: unknown): Refusal | null {
	if (!(error instanceof pg.DatabaseError) || !error.code) return null
	const kind = kindOf(error.code)
	return kind ? { kind, hint: error.hint ?? null, code: error.code } : null
}

function kindOf(code: string): RefusalKind | null {
	if (code === '42501') return 'not_allowed'
	if (code === '23505') return 'duplicate'
	if (code === '23503') return 'missing_reference'
	if (code === '23514' || code === '23502' || code.startsWith('22')) return 'invalid'
	if (code === 'P0001') return 'rule'
	if (code === 'P0002') return 'not_found'
	return null
}

/** A refused write: what the database said, and the error itself for a caller that will not explain this refusal and throws it on. */
export type Refused = { ok: false; refusal: Refusal; error: unknown }

/**
 * Runs a write and answers its result, or the refusal if the database said
 * no. Anything that is not a refusal is thrown on: it is a failure, not an
 * answer, and belongs on the error page and in the log.
 */
export async function unlessRefused<T>(work: () => Promise<T>): Promise<{ ok: true; value: T } | Refused> {
	try {
		return { ok: true, value: await work() }
	} catch (error) {
		const refusal = refusalOf(error)
		if (refusal) return { ok: false, refusal, error }
		throw error
	}
}
