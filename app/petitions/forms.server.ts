import type { FormFields } from '#app/utils/forms.server'

/** Every text field of a submitted form, to send back with an error so nothing typed is lost. */
export function valuesOf(formData: FormFields) {
	return Object.fromEntries([...formData].filter((entry): entry is [string, string] => typeof entry[1] === 'string'))
}
