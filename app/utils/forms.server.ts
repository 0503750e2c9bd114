import { data } from '@remix-run/node'
import type { z } from 'zod'
import { forbidden } from './responses.server'

export type FieldErrors = Record<string, string>
/** A submitted form's fields: a `FormData`, or a urlencoded body read as `URLSearchParams`. */
export type FormFields = Iterable<[string, FormDataEntryValue]>
export type FormFailure = { errors: FieldErrors; values: Record<string, string> }

/** Fields never echoed back into the page after an error. */
const SECRET_FIELDS = new Set(['password', 'newPassword', 'currentPassword', 'confirmPassword'])

/**
 * Validates a submitted form with the same zod schema the component uses.
 * On failure: the first message per field, and the submitted values (minus
 * passwords) so the form re-renders with what the person typed.
 */
export function parseForm<Schema extends z.ZodType>(formData: FormFields, schema: Schema) {
	const raw: Record<string, string> = {}
	// A NUL cannot be stored in PostgreSQL text and means nothing in it (app/http/nul-bytes.server.ts).
	for (const [key, value] of formData) if (typeof value === 'string' && !(key in raw)) raw[key] = value.replaceAll('\0', '')
	const result = schema.safeParse(raw)
	if (result.success) return { success: true as const, data: result.data as z.infer<Schema> }
	const errors: FieldErrors = {}
	for (const issue of result.error.issues) {
		const field = String(issue.path[0] ?? 'form')
		errors[field] ??= issue.message
	}
	return { success: false as const, failure: { errors, values: keepTyped(raw) } }
}

/**
 * A form with a file, read whole: the body is already in memory, within its
 * limit (app/http/body-limit.server.ts). Null when it is not a multipart
 * form that can be read. Remix's streaming parser
 * (unstable_parseMultipartFormData) threw on a file name with "=" or ";" in
 * it, which browsers send as the file is named, so the upload answered 500.
 */
export async function readFileForm(request: Request): Promise<FormData | null> {
	try {
		return await request.formData()
	} catch {
		return null
	}
}

export function keepTyped(raw: Record<string, string>) {
	return Object.fromEntries(Object.entries(raw).filter(([key]) => !SECRET_FIELDS.has(key)))
}

/** A 400 response carrying field errors and what was typed. */
export function formError(errors: FieldErrors, values: Record<string, string>, headers?: Headers) {
	return data({ errors, values: keepTyped(values) } satisfies FormFailure, { status: 400, headers })
}

/**
 * Forms are same-origin POSTs. A browser sends Origin on every POST; one
 * from another site is refused (cross-site request forgery).
 */
export function requireSameOrigin(request: Request) {
	const origin = request.headers.get('Origin')
	if (!origin) return
	const host = request.headers.get('X-Forwarded-Host') ?? request.headers.get('Host')
	let originHost: string
	try {
		originHost = new URL(origin).host
	} catch {
		forbidden()
	}
	if (originHost !== host) forbidden('This form must be sent from this site.')
}
