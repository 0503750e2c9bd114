import { describedBy, FieldNotes } from './forms'

/** A file field for a plain multipart form: its label, hint and error, and the types it accepts. */
export function FileInput({
	id,
	name,
	label,
	hint,
	error,
	accept,
}: {
	id: string
	name: string
	label: string
	hint: string
	error: string | undefined
	accept: readonly string[]
}) {
	return (
		<div className="space-y-1">
			<label htmlFor={id} className="block font-semibold">
				{label}
			</label>
			<FieldNotes id={id} hint={hint} error={error} alert />
			<input
				id={id}
				name={name}
				type="file"
				accept={accept.join(',')}
				aria-describedby={describedBy(id, hint, error)}
				aria-invalid={error ? true : undefined}
				className="block min-h-11 w-full"
			/>
		</div>
	)
}
