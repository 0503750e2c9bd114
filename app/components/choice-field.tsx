import type { ReactNode } from 'react'
import { describedBy, FieldNotes, type RegisteredField } from './forms'

/**
 * Radio buttons in a fieldset whose legend is the question. Works as a
 * plain form field; the choice made stays chosen after an error.
 */
export function ChoiceField({
	name,
	legend,
	hint,
	error,
	register,
	options,
}: {
	name: string
	legend: string
	hint?: ReactNode
	error?: string
	register: (name: string) => RegisteredField
	options: Array<{ value: string; label: string; hint?: string }>
}) {
	const { defaultValue, ...field } = register(name)
	return (
		<fieldset className="space-y-2" aria-describedby={describedBy(name, hint, error)}>
			<legend className="font-semibold">{legend}</legend>
			<FieldNotes id={name} hint={hint} error={error} />
			{options.map((option, index) => {
				const id = index === 0 ? name : `${name}-${option.value}`
				return (
					<div key={option.value} className="flex gap-3">
						<input
							id={id}
							type="radio"
							value={option.value}
							defaultChecked={defaultValue === option.value}
							aria-describedby={option.hint ? `${id}-hint` : undefined}
							className="mt-1 h-6 w-6 shrink-0 accent-action"
							{...field}
						/>
						<div>
							<label htmlFor={id} className="font-medium">
								{option.label}
							</label>
							{option.hint ? (
								<p id={`${id}-hint`} className="text-sm text-ink-muted">
									{option.hint}
								</p>
							) : null}
						</div>
					</div>
				)
			})}
		</fieldset>
	)
}

/** A short message saying what just happened, announced to screen readers. */
export function Notice({ children, tone = 'success' }: { children: ReactNode; tone?: 'success' | 'problem' }) {
	return (
		<p
			role={tone === 'problem' ? 'alert' : 'status'}
			className={`rounded-md border-2 p-4 font-semibold ${tone === 'problem' ? 'border-alert bg-alert-soft' : 'border-action bg-action-soft'}`}
		>
			{children}
		</p>
	)
}
