import { redirect, type AppLoadContext } from '@remix-run/node'
import { requireUser } from '#app/auth/guards.server'
import { clientIp } from '#app/http/rate-limits.server'
import { t } from '#app/i18n/i18n'
import { formError, parseForm, type FormFields } from '#app/utils/forms.server'
import { valuesOf } from './forms.server'
import { memberSignatureSchema, signatureSchema } from './schemas'
import { formSuspicion, signAsMember, signPetition } from './signatures.server'

/** The one answer a form signer gets, whatever the address had done before (the signed page's `sent`). */
const FORM_SIGNED = 'sent'

/** What a signed-in member is told: they are verified, so it is their real state. */
const memberResults = { signed: 'member', already_confirmed: 'member_already', removed: 'member_removed' } as const

/**
 * Handles a signature posted from the petition page or its embeddable
 * version. A new signature, a repeat, a suspected bot and a replaced row all
 * get the same redirect (POST → redirect → GET), so the answer never tells
 * whether an address has signed; the email to that address says what
 * happened (docs/decisions/032). Bad input comes back with field errors and
 * everything that was typed.
 */
export async function handleSignature(request: Request, context: AppLoadContext, formData: FormData, options: { thanksPath: string }) {
	if (formData.get('intent') === 'member') {
		const { caller, headers } = await requireUser(request)
		const form = parseForm(formData, memberSignatureSchema)
		if (!form.success) return formError(form.failure.errors, { ...form.failure.values, intent: 'member' }, headers)
		const result = await signAsMember(caller, form.data)
		const values = { ...valuesOf(formData), intent: 'member' }
		if (result === 'closed') return formError({ form: t('petitions.sign.closed') }, values, headers)
		if (result === 'needs_postal_code') return formError({ form: t('petitions.sign.member.needsPostalCode') }, values, headers)
		if (result === 'needs_name') return formError({ form: t('petitions.sign.member.needsName') }, values, headers)
		return redirect(`${options.thanksPath}?result=${memberResults[result]}`, { headers })
	}

	return context.formSignature?.answer ?? signWithForm(formData, clientIp(request, context), options.thanksPath)
}

/** What the anonymous form's signer is sent to: the only answer the signing fast path gives itself. */
export function signedLocation(thanksPath: string) {
	return `${thanksPath}?result=${FORM_SIGNED}`
}

/**
 * The anonymous form's signature: the one way it is checked and stored, for
 * the route actions (through `handleSignature`) and for the signing fast path
 * in front of Remix (app/http/signing-fast-path.server.ts). The redirect to
 * the thanks page, or the form back with field errors and what was typed.
 */
export async function signWithForm(fields: FormFields, ip: string, thanksPath: string) {
	const form = parseForm(fields, signatureSchema)
	if (!form.success) return formError(form.failure.errors, form.failure.values)
	const input = form.data
	const suspectReason = formSuspicion(input.formToken, input.website)
	const { result } = await signPetition(input, { ip, suspectReason })
	if (result === 'unknown_postal_code') return formError({ postalCode: t('petitions.sign.postalCode.unknown') }, valuesOf(fields))
	if (result === 'closed') return formError({ form: t('petitions.sign.closed') }, valuesOf(fields))
	return redirect(signedLocation(thanksPath))
}
