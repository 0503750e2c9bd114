import { Form, useSearchParams } from '@remix-run/react'
import { FileInput } from '#app/components/file-input'
import { CheckboxField, ErrorSummary, SubmitButton, TextField, useValidatedForm, type ActionFailure } from '#app/components/forms'
import { t } from '#app/i18n/i18n'
import { formatCivilDate } from './clock-format'
import { recordsFileSchema, recordsFileUpload } from './records-files'
import type { RecordsFile } from './records-files.server'

/** The address that hands out one file (a short-lived signed link, if the reader may see it). */
export function recordsFileHref(projectSlug: string, requestId: string, fileId: string) {
	return `/projects/${projectSlug}/records/${requestId}/files/${fileId}`
}

export function fileFacts(file: Pick<RecordsFile, 'contentType' | 'sizeBytes' | 'receivedOn'>) {
	const type = file.contentType === 'application/pdf' ? 'PDF' : file.contentType.replace('image/', '').toUpperCase()
	const size =
		file.sizeBytes >= 1024 * 1024
			? `${(file.sizeBytes / 1024 / 1024).toFixed(1)} MB`
			: `${Math.max(1, Math.round(file.sizeBytes / 1024))} KB`
	const facts = t('recordsFiles.size', { type, size })
	return file.receivedOn ? `${facts}, ${t('recordsFiles.received', { date: formatCivilDate(file.receivedOn) })}` : facts
}

/**
 * The records request page's files: upload one (a plain multipart form, so
 * it works without JavaScript), and share, hold back or remove each.
 */
export function RecordsFiles({
	projectSlug,
	requestId,
	files,
	actionData,
}: {
	projectSlug: string
	requestId: string
	files: RecordsFile[]
	actionData: ActionFailure
}) {
	const [params] = useSearchParams()
	const notice = params.get('files')
	const { register, errors } = useValidatedForm(recordsFileSchema, actionData)
	const labels = {
		file: t('recordsFiles.field.file'),
		title: t('recordsFiles.field.title'),
		receivedOn: t('recordsFiles.field.receivedOn'),
	}
	return (
		<section id="files" aria-labelledby="files-heading" className="mt-10 max-w-xl space-y-4">
			<h2 id="files-heading" className="text-2xl font-bold">
				{t('recordsFiles.heading')}
			</h2>
			<p>{t('recordsFiles.lead')}</p>
			{notice === 'uploaded' || notice === 'changed' ? (
				<p role="status" className="rounded-md bg-action-soft p-3 font-semibold">
					{t(notice === 'uploaded' ? 'recordsFiles.notice.uploaded' : 'recordsFiles.notice.changed')}
				</p>
			) : null}
			{files.length ? (
				<ul className="space-y-4">
					{files.map((file) => (
						<li key={file.id} className="space-y-2 rounded-md border border-line p-3">
							<p className="font-semibold break-words">
								<a href={recordsFileHref(projectSlug, requestId, file.id)}>{file.title}</a>
							</p>
							<p className="text-sm text-ink-muted">
								{fileFacts(file)} · {file.shared ? t('recordsFiles.shared') : t('recordsFiles.held')}
							</p>
							<div className="flex flex-wrap gap-4">
								<Form method="post">
									<input type="hidden" name="intent" value={file.shared ? 'unshare-file' : 'share-file'} />
									<input type="hidden" name="fileId" value={file.id} />
									<button type="submit" className="min-h-11 font-semibold text-action underline">
										{file.shared ? t('recordsFiles.unshare') : t('recordsFiles.share')}
									</button>
								</Form>
								<Form method="post">
									<input type="hidden" name="intent" value="remove-file" />
									<input type="hidden" name="fileId" value={file.id} />
									<button type="submit" className="min-h-11 underline">
										{t('recordsFiles.remove')}
									</button>
								</Form>
							</div>
						</li>
					))}
				</ul>
			) : (
				<p>{t('recordsFiles.none')}</p>
			)}
			<ErrorSummary errors={errors} labels={labels} />
			<Form method="post" encType="multipart/form-data" className="space-y-4 rounded-md border border-line p-4">
				<TextField
					name="title"
					id="file-title"
					label={labels.title}
					hint={t('recordsFiles.field.title.hint')}
					error={errors.title}
					register={register}
				/>
				<TextField
					name="receivedOn"
					id="file-receivedOn"
					label={labels.receivedOn}
					hint={t('proceedingEdit.clock.date.hint')}
					error={errors.receivedOn}
					register={register}
				/>
				<CheckboxField name="share" id="file-share" label={t('recordsFiles.field.share')} register={register} />
				<FileInput
					id={recordsFileUpload.field}
					name={recordsFileUpload.field}
					label={t('recordsFiles.field.file')}
					hint={t('recordsFiles.field.file.hint')}
					error={errors.file}
					accept={recordsFileUpload.types}
				/>
				<SubmitButton>{t('recordsFiles.upload')}</SubmitButton>
			</Form>
		</section>
	)
}
