import { Form } from '@remix-run/react'
import type { ReactNode } from 'react'
import { FieldNotes } from '#app/components/forms'

// Small form pieces for the objection pages' many forms: each form posts its
// intent, and a failure comes back naming it, so only that form shows the
// errors and keeps what was typed (with or without JavaScript).

export type Failure = { errors?: Record<string, string>; values?: Record<string, string> } | undefined

export function failureFor(failure: Failure, intent: string, key?: string) {
	if (failure?.values?.intent !== intent) return { errors: {} as Record<string, string>, values: {} as Record<string, string> }
	if (key && failure.values.groundId !== key) return { errors: {} as Record<string, string>, values: {} as Record<string, string> }
	return { errors: failure.errors ?? {}, values: failure.values }
}

const control = 'block w-full rounded-md border border-line bg-white px-3 text-base'

export function Input({
	name,
	label,
	hint,
	error,
	value,
	type = 'text',
	id = name,
	autoComplete,
}: {
	name: string
	label: string
	hint?: string
	error?: string
	value?: string
	type?: string
	id?: string
	autoComplete?: string
}) {
	const notes = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined
	return (
		<div className="space-y-1">
			<label htmlFor={id} className="block font-semibold">
				{label}
			</label>
			<input
				id={id}
				name={name}
				type={type}
				defaultValue={value}
				autoComplete={autoComplete}
				aria-invalid={error ? true : undefined}
				aria-describedby={notes}
				className={`${control} min-h-11`}
			/>
			<FieldNotes id={id} hint={hint} error={error} />
		</div>
	)
}

export function TextArea({
	name,
	label,
	hint,
	error,
	value,
	rows = 4,
	id = name,
}: {
	name: string
	label: string
	hint?: string
	error?: string
	value?: string
	rows?: number
	id?: string
}) {
	const notes = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined
	return (
		<div className="space-y-1">
			<label htmlFor={id} className="block font-semibold">
				{label}
			</label>
			<textarea
				id={id}
				name={name}
				rows={rows}
				defaultValue={value}
				aria-invalid={error ? true : undefined}
				aria-describedby={notes}
				className={`${control} py-2`}
			/>
			<FieldNotes id={id} hint={hint} error={error} />
		</div>
	)
}

export function Check({
	name,
	label,
	checked,
	id = name,
	value = 'on',
}: {
	name: string
	label: string
	checked?: boolean
	id?: string
	value?: string
}) {
	return (
		<div className="flex gap-3">
			<input id={id} name={name} type="checkbox" value={value} defaultChecked={checked} className="mt-1 h-6 w-6 shrink-0 accent-action" />
			<label htmlFor={id}>{label}</label>
		</div>
	)
}

export function Select({
	name,
	label,
	options,
	value,
	error,
	hint,
	id = name,
}: {
	name: string
	label: string
	options: Array<{ value: string; label: string }>
	value?: string
	error?: string
	hint?: string
	id?: string
}) {
	const notes = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined
	return (
		<div className="space-y-1">
			<label htmlFor={id} className="block font-semibold">
				{label}
			</label>
			<select
				id={id}
				name={name}
				defaultValue={value}
				aria-invalid={error ? true : undefined}
				aria-describedby={notes}
				className={`${control} min-h-11`}
			>
				{options.map((option) => (
					<option key={option.value} value={option.value}>
						{option.label}
					</option>
				))}
			</select>
			<FieldNotes id={id} hint={hint} error={error} />
		</div>
	)
}

export function FormProblem({ message }: { message?: string }) {
	return message ? (
		<p role="alert" className="rounded-md border border-alert bg-alert-soft p-3 font-semibold">
			{message}
		</p>
	) : null
}

export function IntentForm({
	intent,
	children,
	multipart = false,
	className = 'space-y-4',
	label,
}: {
	intent: string
	children: ReactNode
	multipart?: boolean
	className?: string
	label?: string
}) {
	return (
		<Form method="post" encType={multipart ? 'multipart/form-data' : undefined} className={className} aria-label={label}>
			<input type="hidden" name="intent" value={intent} />
			{children}
		</Form>
	)
}

export function Button({ children, secondary = false }: { children: ReactNode; secondary?: boolean }) {
	return (
		<button
			type="submit"
			className={
				secondary
					? 'inline-flex min-h-11 items-center rounded-md border border-action px-4 py-2 font-semibold text-action hover:bg-action-soft'
					: 'inline-flex min-h-11 items-center rounded-md bg-action px-5 py-2 font-semibold text-white hover:bg-action-hover'
			}
		>
			{children}
		</button>
	)
}
