import { zodResolver } from '@hookform/resolvers/zod'
import { Form, useNavigation, useSubmit } from '@remix-run/react'
import { useEffect, useRef, type ComponentProps, type FormEvent, type ReactNode } from 'react'
import { useForm, type FieldValues, type Resolver, type UseFormRegister } from 'react-hook-form'
import type { z } from 'zod'

export type ActionFailure = { errors?: Record<string, string>; values?: Record<string, string> } | undefined

/**
 * react-hook-form with the form's zod schema for instant, inline errors when
 * JavaScript runs; the form is still a plain POST that the action validates
 * again with the same schema when it does not.
 */
/**
 * The values as the browser would post them: an unticked box is left out
 * (react-hook-form reports it as `false`), so the browser and the server
 * check the same thing against one schema.
 */
function asPosted(values: FieldValues): FieldValues {
	return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== false))
}

export function useValidatedForm<Schema extends z.ZodType<FieldValues, FieldValues>>(
	schema: Schema,
	actionData: ActionFailure,
	defaults: Record<string, string> = {},
) {
	const submit = useSubmit()
	const form = useForm<FieldValues>({
		resolver: ((values, context, options) => zodResolver(schema)(asPosted(values), context, options)) as Resolver<FieldValues>,
		defaultValues: { ...defaults, ...actionData?.values },
		mode: 'onTouched',
	})
	const serverErrors = actionData?.errors ?? {}
	const clientErrors = Object.fromEntries(Object.entries(form.formState.errors).map(([key, error]) => [key, String(error?.message ?? '')]))
	const errors: Record<string, string> =
		form.formState.isSubmitted || form.formState.isDirty ? { ...serverErrors, ...clientErrors } : serverErrors
	function onSubmit(event: FormEvent<HTMLFormElement>) {
		const target = event.currentTarget
		void form.handleSubmit(() => submit(target, { method: 'post' }))(event)
	}
	// The value goes into the server-rendered HTML too, so a form re-shown
	// after an error keeps what was typed even without JavaScript.
	const values: Record<string, string> = { ...defaults, ...actionData?.values }
	// When the server sends new values (saved and normalized, say "20175-1234"
	// → "20175"), the fields show them rather than what was typed before.
	const valuesKey = JSON.stringify(values)
	const { reset } = form
	useEffect(() => {
		reset(JSON.parse(valuesKey) as Record<string, string>)
	}, [valuesKey, reset])
	function register(name: string): RegisteredField {
		return { ...form.register(name), defaultValue: values[name] ?? '' }
	}
	return { register, errors, onSubmit }
}

export type RegisteredField = ReturnType<UseFormRegister<FieldValues>> & { defaultValue: string }

export function ErrorSummary({ errors, labels }: { errors: Record<string, string>; labels: Record<string, string> }) {
	const ref = useRef<HTMLDivElement>(null)
	const entries = Object.entries(errors).filter(([, message]) => message)
	const key = entries.map(([field, message]) => `${field}:${message}`).join('|')
	useEffect(() => {
		if (key) ref.current?.focus()
	}, [key])
	if (entries.length === 0) return null
	return (
		<div
			ref={ref}
			tabIndex={-1}
			role="alert"
			aria-labelledby="error-summary-title"
			className="mb-6 rounded-md border-2 border-alert bg-alert-soft p-4"
		>
			<h2 id="error-summary-title" className="mb-2 text-lg font-bold text-alert">
				{entries.length === 1 ? 'There is a problem' : `There are ${entries.length} problems`}
			</h2>
			<ul className="list-disc space-y-1 pl-5">
				{entries.map(([field, message]) => (
					<li key={field}>
						{field === 'form' ? (
							message
						) : (
							<a href={`#${field}`} className="text-alert">
								{labels[field] ? `${labels[field]}: ` : ''}
								{message}
							</a>
						)}
					</li>
				))}
			</ul>
		</div>
	)
}

type FieldProps = {
	name: string
	/** When one page has two forms with the same fields; the name is the id otherwise. */
	id?: string
	label: string
	hint?: ReactNode
	error?: string
	register: (name: string) => RegisteredField
}

/**
 * The hint and the error under a field's label (or a fieldset's legend), with
 * ids `<id>-hint` and `<id>-error`; `describedBy` is what the control's
 * aria-describedby names. `alert` announces the error as it appears.
 */
export function FieldNotes({ id, hint, error, alert = false }: { id: string; hint?: ReactNode; error?: string; alert?: boolean }) {
	return (
		<>
			{hint ? (
				<p id={`${id}-hint`} className="text-sm text-ink-muted">
					{hint}
				</p>
			) : null}
			{error ? (
				<p id={`${id}-error`} className="font-semibold text-alert" role={alert ? 'alert' : undefined}>
					{error}
				</p>
			) : null}
		</>
	)
}

/** The ids of a field's hint and error, for aria-describedby; undefined when it has neither. */
export function describedBy(id: string, hint: unknown, error: unknown) {
	return [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined
}

/** Label above, hint under it, the error next to the field; the control gets the ids that tie them together. */
function Field({
	id,
	label,
	hint,
	error,
	children,
}: {
	id: string
	label: string
	hint?: ReactNode
	error?: string
	children: (control: { 'aria-invalid'?: true; 'aria-describedby'?: string; className: string }) => ReactNode
}) {
	return (
		<div className="space-y-1">
			<label htmlFor={id} className="block font-semibold">
				{label}
			</label>
			<FieldNotes id={id} hint={hint} error={error} />
			{children({
				'aria-invalid': error ? true : undefined,
				'aria-describedby': describedBy(id, hint, error),
				className: `w-full rounded-md border bg-paper-raised px-3 ${error ? 'border-2 border-alert' : 'border-ink-muted'}`,
			})}
		</div>
	)
}

export function TextField({
	name,
	id = name,
	label,
	hint,
	error,
	register,
	...input
}: FieldProps & Omit<ComponentProps<'input'>, 'name' | 'id'>) {
	return (
		<Field id={id} label={label} hint={hint} error={error}>
			{({ className, ...control }) => <input id={id} className={`min-h-11 ${className}`} {...control} {...input} {...register(name)} />}
		</Field>
	)
}

export function TextAreaField({
	name,
	id = name,
	label,
	hint,
	error,
	register,
	...rest
}: FieldProps & Omit<ComponentProps<'textarea'>, 'name' | 'id'>) {
	return (
		<Field id={id} label={label} hint={hint} error={error}>
			{({ className, ...control }) => <textarea id={id} className={`py-2 ${className}`} {...control} {...rest} {...register(name)} />}
		</Field>
	)
}

export function SelectField({
	name,
	id = name,
	label,
	hint,
	error,
	register,
	options,
}: FieldProps & { options: Array<{ value: string; label: string }> }) {
	return (
		<Field id={id} label={label} hint={hint} error={error}>
			{({ className, ...control }) => (
				<select id={id} className={`min-h-11 ${className}`} {...control} {...register(name)}>
					{options.map((option) => (
						<option key={option.value} value={option.value}>
							{option.label}
						</option>
					))}
				</select>
			)}
		</Field>
	)
}

/** A checkbox that posts "on" when ticked, and stays ticked after an error (one that must be ticked shows its error). */
export function CheckboxField({ name, id = name, label, hint, error, register }: FieldProps) {
	const { defaultValue, ...field } = register(name)
	return (
		<div className="flex gap-3">
			<input
				id={id}
				type="checkbox"
				value="on"
				defaultChecked={defaultValue === 'on' || defaultValue === 'true'}
				aria-describedby={describedBy(id, hint, error)}
				aria-invalid={error ? true : undefined}
				className={`mt-1 h-6 w-6 shrink-0 accent-action ${error ? 'outline-2 outline-alert' : ''}`}
				{...field}
			/>
			<div className="space-y-1">
				<label htmlFor={id} className="font-semibold">
					{label}
				</label>
				<FieldNotes id={id} hint={hint} error={error} />
			</div>
		</div>
	)
}

export function SubmitButton({ children, name, value }: { children: ReactNode; name?: string; value?: string }) {
	const navigation = useNavigation()
	const busy = navigation.state === 'submitting'
	return (
		<button
			type="submit"
			name={name}
			value={value}
			aria-disabled={busy || undefined}
			className="inline-flex min-h-11 items-center justify-center rounded-md bg-action px-5 py-2 text-lg font-semibold text-white hover:bg-action-hover"
		>
			{children}
		</button>
	)
}

export function FormCard({ children, ...props }: ComponentProps<typeof Form>) {
	return (
		<Form method="post" noValidate className="max-w-md space-y-5" {...props}>
			{children}
		</Form>
	)
}
