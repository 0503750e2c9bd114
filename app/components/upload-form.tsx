import { Form } from '@remix-run/react'
import type { UploadRule } from '#app/storage/upload-rules'
import { describedBy, FieldNotes, SubmitButton } from './forms'

/**
 * A one-file upload form (a plain multipart POST, so it works without
 * JavaScript) and, when there is a file already, the button that removes it.
 */
export function UploadForm({
	rule,
	label,
	hint,
	error,
	submitLabel,
	remove,
	className = '',
}: {
	rule: UploadRule
	label: string
	hint: string
	error: string | undefined
	submitLabel: string
	/** The intent the page's action takes to remove the current file, and the button's text; omitted when there is none. */
	remove?: { intent: string; label: string }
	className?: string
}) {
	const id = rule.field
	return (
		<>
			<Form method="post" encType="multipart/form-data" className={`${className} space-y-3`}>
				<label htmlFor={id} className="block font-semibold">
					{label}
				</label>
				<FieldNotes id={id} hint={hint} error={error} alert />
				<input
					id={id}
					name={id}
					type="file"
					accept={rule.types.join(',')}
					aria-describedby={describedBy(id, hint, error)}
					aria-invalid={error ? true : undefined}
					className="block min-h-11 w-full"
				/>
				<SubmitButton>{submitLabel}</SubmitButton>
			</Form>
			{remove ? (
				<Form method="post">
					<input type="hidden" name="intent" value={remove.intent} />
					<button type="submit" className="min-h-11 font-semibold text-action underline">
						{remove.label}
					</button>
				</Form>
			) : null}
		</>
	)
}
