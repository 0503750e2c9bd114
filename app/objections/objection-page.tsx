import { Form, Link } from '@remix-run/react'
import { PageHeading } from '#app/components/layout'
import type { MessageKey } from '#app/i18n/en'
import { formatDate, formatDateTime, t } from '#app/i18n/i18n'
import { Button, Check, failureFor, FormProblem, Input, IntentForm, Select, TextArea, type Failure } from './fields'
import { CITABLE_FIGURES, FIGURES_FOR_GROUND, GROUND_KINDS, MANUAL_FILING_METHODS, RELIEF_KINDS, type GroundKind } from './grounds'
import { objectionIntent } from './intents'

// The objection's page: for the chapter, the whole workspace (text, grounds
// and evidence, review, comments, co-signers, the letter, filing, outcome);
// for everyone else, the published filing.

type Figure = { figure: string; value: number; sources: Array<{ url: string; title: string }> }
type Evidence = { id: string; title: string; url: string | null; storagePath: string | null }
type Ground = { id: string; position: number; kind: GroundKind; title: string; argument: string; figures: Figure[]; evidence: Evidence[] }

export type ObjectionPageData = {
	objection: {
		id: string
		subject: string
		standingResidents: string
		standingOrganizations: string
		relief: string[]
		reliefConditions: string[]
		reliefNote: string
		status: 'draft' | 'approved' | 'filed' | 'withdrawn'
		currentVersion: number
		approvedVersion: number | null
		approvedAt: Date | null
		selfApproved: boolean
		authorId: string | null
		authorName: string | null
		approverName: string | null
		signerCount: number
		filedAt: Date | null
		publishedAt: Date | null
		outcome: string | null
		outcomeDecidedOn: Date | null
		conditionsAdopted: string[]
		outcomeSourceUrl: string | null
		modelCount: number
		chapter: { name: string; slug: string }
		project: {
			slug: string
			name: string
			figures: Array<{ figure: string; value: number | null; sources: Array<{ url: string; title: string | null }> }>
		}
		proceeding: { title: string; caseNumber: string | null; body: { name: string; email: string | null; timeZone: string } | null }
		grounds: Ground[]
	}
	deadline: { dueAt: string; passed: boolean } | null
	role: 'organizer' | 'member' | null
	viewerId: string | null
	marked: boolean
	publicNames: Array<{ kind: string; name: string; organization: string | null }>
	workspace: {
		versions: Array<{ number: number; saved_at: Date; saved_by_name: string | null }>
		comments: Array<{ id: string; body: string; version: number; created_at: Date; author_name: string | null }>
		signers: Array<{
			id: string
			kind: string
			name: string
			email: string
			address: string
			showAddress: boolean
			organization: string | null
			representativeTitle: string | null
			authorizationPath: string | null
			outsideJurisdiction: boolean
			signedVersion: number
			withdrawn: boolean
			current: boolean
		}>
		filing: {
			method: string
			to_address: string | null
			reply_to: string | null
			filed_on: Date
			delivery_status: string
			delivery_detail: string | null
			delivery_updated_at: Date | null
			provider_message_id: string | null
			confirmation_number: string | null
			signer_count: number
			after_cutoff: boolean
			acknowledgement: string | null
		} | null
		organizerCount: number
		signingUrl: string | null
		replyTo: string
	} | null
	notice: string | null
}

const NOTICES: Record<string, MessageKey> = {
	saved: 'objection.saved',
	approved: 'objection.review.approvedNotice',
	published: 'objection.published',
}

function DeadlineLine({ deadline, timeZone }: { deadline: ObjectionPageData['deadline']; timeZone: string }) {
	if (!deadline) return <p>{t('objection.deadline.none')}</p>
	const when = formatDateTime(deadline.dueAt, timeZone)
	return deadline.passed ? (
		<p role="status" className="rounded-md border border-alert bg-alert-soft p-3 font-semibold">
			{t('objection.deadline.passed', { when })}
		</p>
	) : (
		<p className="rounded-md bg-action-soft p-3 font-semibold">{t('objection.deadline', { when })}</p>
	)
}

function GroundBody({
	ground,
	exhibitStart,
	objectionId,
	canOpenFiles,
}: {
	ground: Ground
	exhibitStart: number
	objectionId: string
	canOpenFiles: boolean
}) {
	return (
		<>
			{ground.argument.split(/\n{2,}/).map((paragraph, index) => (
				<p key={index} className="whitespace-pre-line">
					{paragraph}
				</p>
			))}
			{ground.figures.length ? (
				<ul className="list-disc pl-6">
					{ground.figures.map((figure) => (
						<li key={figure.figure}>
							{t('objection.ground.figure', {
								label: t(`project.figure.${figure.figure}` as MessageKey),
								value: t(`project.figure.value.${figure.figure}` as MessageKey, { value: figure.value.toLocaleString('en-US') }),
							})}{' '}
							{figure.sources.map((source) => (
								<a key={source.url} href={source.url} rel="noopener noreferrer nofollow" className="text-sm">
									{t('objection.ground.figure.source', { title: source.title })}
								</a>
							))}
						</li>
					))}
				</ul>
			) : null}
			{ground.evidence.length ? (
				<div>
					<h4 className="font-semibold">{t('objection.evidence.heading')}</h4>
					<ul className="list-disc pl-6">
						{ground.evidence.map((item, index) => (
							<li key={item.id}>
								{t('objection.evidence.exhibit', { number: exhibitStart + index })}:{' '}
								{item.url ? (
									<a href={item.url} rel="noopener noreferrer nofollow">
										{item.title}
									</a>
								) : canOpenFiles ? (
									<a href={`/objections/${objectionId}/evidence/${item.id}`}>{item.title}</a>
								) : (
									<>
										{item.title} ({t('objection.evidence.private')})
									</>
								)}
							</li>
						))}
					</ul>
				</div>
			) : null}
		</>
	)
}

export function ObjectionPage({ data, failure }: { data: ObjectionPageData; failure: Failure }) {
	const { objection, workspace, role } = data
	const timeZone = objection.proceeding.body?.timeZone ?? 'America/New_York'
	const organizer = role === 'organizer'
	const open = objection.status === 'draft' || objection.status === 'approved'
	let exhibit = 1
	const starts = objection.grounds.map((ground) => {
		const start = exhibit
		exhibit += ground.evidence.length
		return start
	})
	const notice = data.notice ? NOTICES[data.notice] : undefined
	return (
		<article className="max-w-3xl space-y-10">
			<PageHeading
				lead={
					<>
						{t('objection.lead', { chapter: objection.chapter.name, proceeding: objection.proceeding.title })} ·{' '}
						<Link to={`/projects/${objection.project.slug}`}>{objection.project.name}</Link>
					</>
				}
			>
				{objection.subject}
			</PageHeading>
			{notice ? (
				<p role="status" className="rounded-md bg-action-soft p-3 font-semibold">
					{t(notice, { number: objection.currentVersion })}
				</p>
			) : null}
			<p>
				<strong>{t(`objection.status.${objection.status}`)}</strong> · {t('objection.version', { number: objection.currentVersion })}
				{workspace && objection.status !== 'filed' ? ` · ${t('objection.private', { chapter: objection.chapter.name })}` : null}
			</p>
			{objection.status !== 'filed' ? <DeadlineLine deadline={data.deadline} timeZone={timeZone} /> : null}

			<section id="text" aria-labelledby="text-heading" className="space-y-4">
				<h2 id="text-heading" className="text-2xl font-bold">
					{t('objection.section.text')}
				</h2>
				{objection.standingResidents ? <p className="whitespace-pre-line">{objection.standingResidents}</p> : null}
				{objection.standingOrganizations ? <p className="whitespace-pre-line">{objection.standingOrganizations}</p> : null}
				<h3 className="text-lg font-semibold">{t('objection.form.relief')}</h3>
				<ul className="list-disc pl-6">
					{objection.relief.map((relief) => (
						<li key={relief}>{t(`objection.relief.${relief}` as MessageKey)}</li>
					))}
					{objection.reliefConditions.map((condition) => (
						<li key={condition}>{condition}</li>
					))}
				</ul>
				{objection.reliefNote ? <p className="whitespace-pre-line">{objection.reliefNote}</p> : null}
				{organizer && open ? <TextForm data={data} failure={failure} /> : null}
			</section>

			<section id="grounds" aria-labelledby="grounds-heading" className="space-y-6">
				<h2 id="grounds-heading" className="text-2xl font-bold">
					{t('objection.section.grounds')}
				</h2>
				{objection.grounds.length === 0 ? <p>{t('objection.grounds.none')}</p> : null}
				{objection.grounds.map((ground, index) => (
					<section key={ground.id} aria-labelledby={`ground-${ground.id}`} className="space-y-3 rounded-md border border-line p-4">
						<h3 id={`ground-${ground.id}`} className="text-xl font-semibold">
							{t('objection.ground.position', { number: index + 1, title: ground.title })}
						</h3>
						<GroundBody ground={ground} exhibitStart={starts[index] ?? 1} objectionId={objection.id} canOpenFiles={workspace !== null} />
						{organizer && open ? <GroundTools ground={ground} data={data} failure={failure} /> : null}
					</section>
				))}
				{organizer && open ? <AddGround data={data} failure={failure} /> : null}
			</section>

			{workspace ? <Review data={data} failure={failure} /> : null}
			{workspace ? <Comments data={data} failure={failure} /> : null}
			{workspace ? <Signers data={data} failure={failure} /> : <PublicSigners data={data} />}
			{workspace ? (
				<section aria-labelledby="letter-heading" className="space-y-2">
					<h2 id="letter-heading" className="text-2xl font-bold">
						{t('objection.section.letter')}
					</h2>
					<p>{t('objection.letter.hint')}</p>
					<p>
						<a href={`/objections/${objection.id}/letter.pdf`} className="font-semibold">
							{t('objection.letter.download')}
						</a>
					</p>
				</section>
			) : null}
			{workspace ? <Filing data={data} failure={failure} /> : null}
			<Outcome data={data} failure={failure} />
			{workspace ? <Versions data={data} /> : null}
		</article>
	)
}

function TextForm({ data, failure }: { data: ObjectionPageData; failure: Failure }) {
	const { objection } = data
	const { errors, values } = failureFor(failure, objectionIntent.save)
	const v = (key: string, fallback: string) => values[key] ?? fallback
	return (
		<details className="rounded-md border border-line p-4" open={Object.keys(errors).length > 0}>
			<summary className="cursor-pointer font-semibold">{t('objection.form.save')}</summary>
			<IntentForm intent={objectionIntent.save} className="mt-4 space-y-4">
				<FormProblem message={errors.form} />
				<Input
					name="subject"
					label={t('objection.form.subject')}
					hint={t('objection.form.subject.hint')}
					error={errors.subject}
					value={v('subject', objection.subject)}
				/>
				<TextArea
					name="standingResidents"
					label={t('objection.form.standingResidents')}
					hint={t('objection.form.standingResidents.hint')}
					error={errors.standingResidents}
					value={v('standingResidents', objection.standingResidents)}
				/>
				<TextArea
					name="standingOrganizations"
					label={t('objection.form.standingOrganizations')}
					hint={t('objection.form.standingOrganizations.hint')}
					error={errors.standingOrganizations}
					value={v('standingOrganizations', objection.standingOrganizations)}
				/>
				<ReliefFields
					relief={objection.relief}
					conditions={objection.reliefConditions}
					note={objection.reliefNote}
					errors={errors}
					values={values}
				/>
				<Button>{t('objection.form.save')}</Button>
			</IntentForm>
		</details>
	)
}

export function ReliefFields({
	relief,
	conditions,
	note,
	errors,
	values,
}: {
	relief: string[]
	conditions: string[]
	note: string
	errors: Record<string, string>
	values: Record<string, string>
}) {
	const typed = values.intent !== undefined
	return (
		<fieldset className="space-y-3">
			<legend className="font-semibold">{t('objection.form.relief')}</legend>
			{RELIEF_KINDS.map((kind) => (
				<Check
					key={kind}
					name={`relief_${kind}`}
					label={t(`objection.relief.${kind}`)}
					checked={typed ? values[`relief_${kind}`] === 'on' : relief.includes(kind)}
				/>
			))}
			<p className="text-sm text-ink-muted">{t('objection.relief.explain.special_use_permit')}</p>
			<TextArea
				name="reliefConditions"
				label={t('objection.form.reliefConditions')}
				hint={t('objection.form.reliefConditions.hint')}
				error={errors.reliefConditions}
				value={values.reliefConditions ?? conditions.join('\n')}
			/>
			<TextArea
				name="reliefNote"
				label={t('objection.form.reliefNote')}
				error={errors.reliefNote}
				value={values.reliefNote ?? note}
				rows={3}
			/>
		</fieldset>
	)
}

function FigureChoices({
	data,
	kind,
	chosen,
	idPrefix,
}: {
	data: ObjectionPageData
	kind: GroundKind | null
	chosen: string[]
	idPrefix: string
}) {
	const figures = data.objection.project.figures.filter((figure) => figure.value !== null && figure.sources.length > 0)
	if (figures.length === 0) return <p className="text-sm text-ink-muted">{t('objection.ground.form.figures.none')}</p>
	const preferred = kind ? (FIGURES_FOR_GROUND[kind] ?? []) : []
	const ordered = [...figures].sort((a, b) => Number(preferred.includes(b.figure as never)) - Number(preferred.includes(a.figure as never)))
	return (
		<fieldset className="space-y-2">
			<legend className="font-semibold">{t('objection.ground.form.figures')}</legend>
			{ordered
				.filter((figure) => (CITABLE_FIGURES as readonly string[]).includes(figure.figure))
				.map((figure) => (
					<Check
						key={figure.figure}
						id={`${idPrefix}-figure-${figure.figure}`}
						name="figure"
						value={figure.figure}
						checked={chosen.includes(figure.figure)}
						label={`${t(`project.figure.${figure.figure}` as MessageKey)}: ${t(`project.figure.value.${figure.figure}` as MessageKey, { value: Number(figure.value).toLocaleString('en-US') })} (${figure.sources.map((source) => source.title ?? source.url).join('; ')})`}
					/>
				))}
		</fieldset>
	)
}

function AddGround({ data, failure }: { data: ObjectionPageData; failure: Failure }) {
	const { errors, values } = failureFor(failure, objectionIntent.addGround)
	return (
		<section aria-labelledby="add-ground-heading" className="space-y-4 rounded-md bg-paper-sunk p-4">
			<h3 id="add-ground-heading" className="text-xl font-semibold">
				{t('objection.section.addGround')}
			</h3>
			<details>
				<summary className="cursor-pointer font-semibold">{t('objection.ground.guidance')}</summary>
				<dl className="mt-3 space-y-3">
					{GROUND_KINDS.map((kind) => (
						<div key={kind}>
							<dt className="font-semibold">{t(`objection.ground.${kind}`)}</dt>
							<dd>{t(`objection.ground.${kind}.guidance`)}</dd>
							<dd className="text-ink-muted">
								{t('objection.ground.example')}: {t(`objection.ground.${kind}.example`)}
							</dd>
						</div>
					))}
				</dl>
			</details>
			<IntentForm intent={objectionIntent.addGround} label={t('objection.section.addGround')}>
				<FormProblem message={errors.form} />
				<Select
					name="kind"
					label={t('objection.ground.form.kind')}
					value={values.kind ?? 'noise'}
					error={errors.kind}
					options={GROUND_KINDS.map((kind) => ({ value: kind, label: t(`objection.ground.${kind}`) }))}
				/>
				<Input name="title" id="new-ground-title" label={t('objection.ground.form.title')} error={errors.title} value={values.title} />
				<TextArea
					name="argument"
					id="new-ground-argument"
					label={t('objection.ground.form.argument')}
					hint={t('objection.ground.form.argument.hint')}
					error={errors.argument}
					value={values.argument}
					rows={6}
				/>
				<FigureChoices data={data} kind={null} chosen={[]} idPrefix="new" />
				<Button>{t('objection.ground.form.add')}</Button>
			</IntentForm>
		</section>
	)
}

function GroundTools({ ground, data, failure }: { ground: Ground; data: ObjectionPageData; failure: Failure }) {
	const edit = failureFor(failure, objectionIntent.updateGround, ground.id)
	const link = failureFor(failure, objectionIntent.addLink, ground.id)
	const file = failureFor(failure, objectionIntent.addFile, ground.id)
	return (
		<div className="space-y-4">
			<details open={Object.keys(edit.errors).length > 0}>
				<summary className="cursor-pointer font-semibold">{t('objection.ground.form.update')}</summary>
				<IntentForm intent={objectionIntent.updateGround} className="mt-3 space-y-3">
					<input type="hidden" name="groundId" value={ground.id} />
					<input type="hidden" name="kind" value={ground.kind} />
					<FormProblem message={edit.errors.form} />
					<Input
						name="title"
						id={`title-${ground.id}`}
						label={t('objection.ground.form.title')}
						value={edit.values.title ?? ground.title}
						error={edit.errors.title}
					/>
					<TextArea
						name="argument"
						id={`argument-${ground.id}`}
						label={t('objection.ground.form.argument')}
						value={edit.values.argument ?? ground.argument}
						error={edit.errors.argument}
						rows={6}
					/>
					<p className="text-sm text-ink-muted">{t(`objection.ground.${ground.kind}.guidance`)}</p>
					<FigureChoices data={data} kind={ground.kind} chosen={ground.figures.map((figure) => figure.figure)} idPrefix={ground.id} />
					<Button>{t('objection.ground.form.update')}</Button>
				</IntentForm>
			</details>
			<details open={Object.keys(link.errors).length > 0}>
				<summary className="cursor-pointer font-semibold">{t('objection.evidence.link')}</summary>
				<IntentForm intent={objectionIntent.addLink} className="mt-3 space-y-3">
					<input type="hidden" name="groundId" value={ground.id} />
					<FormProblem message={link.errors.form ?? link.errors.groundId} />
					<Input
						name="title"
						id={`link-title-${ground.id}`}
						label={t('objection.evidence.form.title')}
						value={link.values.title}
						error={link.errors.title}
					/>
					<Input
						name="url"
						id={`link-url-${ground.id}`}
						type="url"
						label={t('objection.evidence.form.url')}
						value={link.values.url}
						error={link.errors.url}
					/>
					<Button secondary>{t('objection.evidence.form.addLink')}</Button>
				</IntentForm>
			</details>
			<details open={Object.keys(file.errors).length > 0}>
				<summary className="cursor-pointer font-semibold">{t('objection.evidence.file')}</summary>
				<IntentForm intent={objectionIntent.addFile} multipart className="mt-3 space-y-3">
					<input type="hidden" name="groundId" value={ground.id} />
					<FormProblem message={file.errors.form ?? file.errors.groundId} />
					<Input
						name="title"
						id={`file-title-${ground.id}`}
						label={t('objection.evidence.form.title')}
						value={file.values.title}
						error={file.errors.title}
					/>
					<div className="space-y-1">
						<label htmlFor={`file-${ground.id}`} className="block font-semibold">
							{t('objection.evidence.form.file')}
						</label>
						<input
							id={`file-${ground.id}`}
							name="file"
							type="file"
							accept="application/pdf,image/png,image/jpeg"
							aria-invalid={file.errors.file ? true : undefined}
							aria-describedby={file.errors.file ? `file-${ground.id}-error` : undefined}
						/>
						{file.errors.file ? (
							<p id={`file-${ground.id}-error`} role="alert" className="font-semibold text-alert">
								{file.errors.file}
							</p>
						) : null}
					</div>
					<Button secondary>{t('objection.evidence.form.addFile')}</Button>
				</IntentForm>
			</details>
			<IntentForm intent={objectionIntent.removeGround}>
				<input type="hidden" name="groundId" value={ground.id} />
				<Button secondary>{t('objection.ground.remove')}</Button>
			</IntentForm>
		</div>
	)
}

function Review({ data, failure }: { data: ObjectionPageData; failure: Failure }) {
	const { objection, workspace, role } = data
	const { errors } = failureFor(failure, objectionIntent.approve)
	if (!workspace) return null
	const approvedNow = objection.status === 'approved' && objection.approvedVersion === objection.currentVersion
	const isAuthor = data.viewerId !== null && data.viewerId === objection.authorId
	const canApprove = role === 'organizer' && objection.status === 'draft' && (!isAuthor || workspace.organizerCount <= 1)
	return (
		<section id="review" aria-labelledby="review-heading" className="space-y-3">
			<h2 id="review-heading" className="text-2xl font-bold">
				{t('objection.section.review')}
			</h2>
			<p>{t('objection.review.author', { name: objection.authorName ?? '—' })}</p>
			{objection.approvedAt && objection.approvedVersion ? (
				<p>
					{objection.selfApproved
						? t('objection.review.selfApproved', {
								version: objection.approvedVersion,
								name: objection.approverName ?? '—',
								date: formatDate(objection.approvedAt),
							})
						: t('objection.review.approved', {
								version: objection.approvedVersion,
								name: objection.approverName ?? '—',
								date: formatDate(objection.approvedAt),
							})}
				</p>
			) : (
				<p>{t('objection.review.needsApproval')}</p>
			)}
			<FormProblem message={errors.form} />
			{canApprove ? (
				<IntentForm intent={objectionIntent.approve}>
					{isAuthor ? <p>{t('objection.review.singleOrganizer')}</p> : null}
					<Button>{t('objection.review.approve', { version: objection.currentVersion })}</Button>
				</IntentForm>
			) : !approvedNow && objection.status === 'draft' && role === 'organizer' ? (
				<p>{t('objection.review.waiting')}</p>
			) : null}
		</section>
	)
}

function Comments({ data, failure }: { data: ObjectionPageData; failure: Failure }) {
	const { errors, values } = failureFor(failure, objectionIntent.comment)
	const workspace = data.workspace
	if (!workspace) return null
	return (
		<section id="comments" aria-labelledby="comments-heading" className="space-y-3">
			<h2 id="comments-heading" className="text-2xl font-bold">
				{t('objection.section.comments')}
			</h2>
			{workspace.comments.length === 0 ? <p>{t('objection.comments.none')}</p> : null}
			<ul className="space-y-2">
				{workspace.comments.map((comment) => (
					<li key={comment.id} className="rounded-md border border-line p-3">
						<p className="whitespace-pre-line">{comment.body}</p>
						<p className="text-sm text-ink-muted">
							{comment.author_name ?? '—'} · {t('objection.comments.on', { version: comment.version })} · {formatDate(comment.created_at)}
						</p>
					</li>
				))}
			</ul>
			{data.objection.status !== 'filed' ? (
				<IntentForm intent={objectionIntent.comment}>
					<FormProblem message={errors.form} />
					<TextArea
						name="body"
						id="comment-body"
						label={t('objection.comments.form.body')}
						error={errors.body}
						value={values.body}
						rows={3}
					/>
					<Button secondary>{t('objection.comments.form.submit')}</Button>
				</IntentForm>
			) : null}
		</section>
	)
}

function Signers({ data, failure }: { data: ObjectionPageData; failure: Failure }) {
	const workspace = data.workspace
	const invite = failureFor(failure, objectionIntent.invite)
	if (!workspace) return null
	const current = workspace.signers.filter((signer) => signer.current)
	return (
		<section id="signers" aria-labelledby="signers-heading" className="space-y-3">
			<h2 id="signers-heading" className="text-2xl font-bold">
				{t('objection.section.signers')}
			</h2>
			{data.notice === 'invited' ? (
				<p role="status" className="rounded-md bg-action-soft p-3 font-semibold">
					{t('objection.signers.invited')}
				</p>
			) : null}
			<p>{t('objection.signers.count', { count: current.length })}</p>
			{workspace.signers.length === 0 ? <p>{t('objection.signers.none')}</p> : null}
			{data.role === 'organizer' ? (
				<ul className="space-y-1">
					{workspace.signers.map((signer) => (
						<li key={signer.id}>
							<strong>
								{signer.kind === 'organization'
									? signer.representativeTitle
										? t('objection.signers.as', {
												name: signer.name,
												title: signer.representativeTitle,
												organization: signer.organization ?? '',
											})
										: t('objection.signers.forOrg', { name: signer.name, organization: signer.organization ?? '' })
									: signer.name}
							</strong>{' '}
							— {signer.address}
							{signer.showAddress ? '' : ` (${t('objection.signers.addressHidden')})`} ·{' '}
							{signer.withdrawn
								? t('objection.signers.withdrawn')
								: signer.current
									? t('objection.signers.version', { version: signer.signedVersion })
									: t('objection.signers.stale')}
							{signer.outsideJurisdiction ? ` · ${t('objection.signers.outside')}` : ''}
							{signer.authorizationPath ? ` · ${t('objection.signers.letter')}` : ''}
						</li>
					))}
				</ul>
			) : null}
			{workspace.signingUrl && data.objection.status !== 'filed' ? (
				<div className="space-y-1">
					<p className="font-semibold">{t('objection.signers.link')}</p>
					<p className="text-sm text-ink-muted">{t('objection.signers.link.hint')}</p>
					<p className="break-all">
						<a href={workspace.signingUrl}>{workspace.signingUrl}</a>
					</p>
				</div>
			) : null}
			{data.role === 'organizer' && data.objection.status !== 'filed' ? (
				<IntentForm intent={objectionIntent.invite} label={t('objection.signers.invite')}>
					<FormProblem message={invite.errors.form} />
					<Input
						name="email"
						id="invite-email"
						type="email"
						label={t('objection.signers.invite')}
						error={invite.errors.email}
						value={invite.values.email}
					/>
					<Button secondary>{t('objection.signers.invite.submit')}</Button>
				</IntentForm>
			) : null}
		</section>
	)
}

function PublicSigners({ data }: { data: ObjectionPageData }) {
	if (data.objection.status !== 'filed') return null
	return (
		<section aria-labelledby="public-signers-heading" className="space-y-2">
			<h2 id="public-signers-heading" className="text-2xl font-bold">
				{t('objection.section.signers')}
			</h2>
			<p>{t('objection.public.signers', { count: data.objection.signerCount })}</p>
			{data.publicNames.length ? (
				<>
					<p className="font-semibold">{t('objection.public.names')}</p>
					<ul className="list-disc pl-6">
						{data.publicNames.map((signer, index) => (
							<li key={index}>
								{signer.organization
									? t('objection.signers.forOrg', { name: signer.name, organization: signer.organization })
									: signer.name}
							</li>
						))}
					</ul>
				</>
			) : null}
		</section>
	)
}

/** Delivery statuses that need the organizer to act. */
const PROBLEMS = ['bounced', 'complained', 'failed']

function Filing({ data, failure }: { data: ObjectionPageData; failure: Failure }) {
	const { objection, workspace } = data
	const timeZone = objection.proceeding.body?.timeZone ?? 'America/New_York'
	const byEmail = failureFor(failure, objectionIntent.fileEmail)
	const manual = failureFor(failure, objectionIntent.recordFiling)
	const ack = failureFor(failure, objectionIntent.acknowledge)
	if (!workspace) return null
	const filing = workspace.filing
	const ready = objection.status === 'approved' && objection.approvedVersion === objection.currentVersion
	const bodyEmail = objection.proceeding.body?.email ?? null
	return (
		<section id="filing" aria-labelledby="filing-heading" className="space-y-4">
			<h2 id="filing-heading" className="text-2xl font-bold">
				{t('objection.section.filing')}
			</h2>
			{filing ? (
				<div className="space-y-2 rounded-md border border-line p-4">
					<p className="font-semibold">
						{t('objection.filing.done', {
							method: t(`objection.filing.method.${filing.method}` as MessageKey).toLowerCase(),
							// A calendar date (no time of day): read as written, not moved into another zone.
							date: formatDate(filing.filed_on, 'en', 'UTC'),
						})}
					</p>
					{filing.to_address ? <p>{t('objection.filing.sentTo', { address: filing.to_address, replyTo: filing.reply_to ?? '' })}</p> : null}
					<div role="status" className="space-y-1">
						<p className={PROBLEMS.includes(filing.delivery_status) ? 'font-semibold text-alert' : undefined}>
							{t(`objection.filing.status.${filing.delivery_status}` as MessageKey, { id: filing.provider_message_id ?? '' })}
						</p>
						{filing.delivery_detail ? <p>{t('objection.filing.status.detail', { detail: filing.delivery_detail })}</p> : null}
						{filing.method === 'email' && filing.delivery_updated_at ? (
							<p className="text-sm text-ink-muted">
								{t('objection.filing.status.when', { when: formatDateTime(filing.delivery_updated_at, timeZone) })}
							</p>
						) : null}
					</div>
					{filing.confirmation_number ? <p>{t('objection.filing.confirmation', { number: filing.confirmation_number })}</p> : null}
					<p>{t('objection.filing.signers', { count: filing.signer_count })}</p>
					{filing.after_cutoff ? <p>{t('objection.filing.late')}</p> : null}
					<p>
						<a href={`/objections/${objection.id}/filed.pdf`}>{t('objection.filing.filedLetter')}</a>
					</p>
					{filing.acknowledgement ? (
						<p>
							<strong>{t('objection.filing.ack')}:</strong> {filing.acknowledgement}
						</p>
					) : null}
					{data.role === 'organizer' ? (
						<IntentForm intent={objectionIntent.acknowledge}>
							<TextArea
								name="acknowledgement"
								label={t('objection.filing.ack')}
								error={ack.errors.acknowledgement}
								value={ack.values.acknowledgement ?? filing.acknowledgement ?? ''}
								rows={2}
							/>
							<Button secondary>{t('objection.filing.ack.save')}</Button>
						</IntentForm>
					) : null}
				</div>
			) : data.role !== 'organizer' ? null : !ready ? (
				<p>{t('objection.filing.notReady')}</p>
			) : (
				<>
					<div className="space-y-3 rounded-md border border-line p-4">
						<h3 className="text-xl font-semibold">{t('objection.filing.email')}</h3>
						{bodyEmail ? (
							<p>{t('objection.filing.email.to', { address: bodyEmail })}</p>
						) : (
							<FormProblem message={t('objection.error.noBodyEmail')} />
						)}
						{bodyEmail ? (
							<IntentForm intent={objectionIntent.fileEmail} label={t('objection.filing.email')}>
								<FormProblem message={byEmail.errors.form} />
								<Input
									name="replyTo"
									id="replyTo"
									type="email"
									label={t('objection.filing.replyTo')}
									hint={t('objection.filing.replyTo.hint')}
									error={byEmail.errors.replyTo}
									value={byEmail.values.replyTo ?? workspace.replyTo}
								/>
								{data.deadline?.passed ? (
									<div className="space-y-1">
										<Check
											name="confirmLate"
											id="confirmLate-email"
											label={t('objection.filing.confirmLate')}
											checked={byEmail.values.confirmLate === 'on'}
										/>
										{byEmail.errors.confirmLate ? (
											<p role="alert" className="font-semibold text-alert">
												{byEmail.errors.confirmLate}
											</p>
										) : null}
									</div>
								) : null}
								<Button>{t('objection.filing.submit')}</Button>
							</IntentForm>
						) : null}
					</div>
					<details className="rounded-md border border-line p-4" open={Object.keys(manual.errors).length > 0 || !bodyEmail}>
						<summary className="cursor-pointer text-xl font-semibold">{t('objection.filing.manual')}</summary>
						<IntentForm intent={objectionIntent.recordFiling} multipart className="mt-3 space-y-3">
							<FormProblem message={manual.errors.form} />
							<Select
								name="method"
								label={t('objection.filing.method')}
								value={manual.values.method ?? 'hand'}
								error={manual.errors.method}
								options={MANUAL_FILING_METHODS.map((method) => ({ value: method, label: t(`objection.filing.method.${method}`) }))}
							/>
							<Input
								name="confirmationNumber"
								label={t('objection.filing.confirmationNumber')}
								error={manual.errors.confirmationNumber}
								value={manual.values.confirmationNumber}
							/>
							<Input
								name="filedOn"
								type="date"
								label={t('objection.filing.filedOn')}
								error={manual.errors.filedOn}
								value={manual.values.filedOn}
							/>
							<div className="space-y-1">
								<label htmlFor="receipt" className="block font-semibold">
									{t('objection.filing.receipt')}
								</label>
								<input id="receipt" name="receipt" type="file" accept="application/pdf,image/png,image/jpeg" />
								{manual.errors.receipt ? (
									<p role="alert" className="font-semibold text-alert">
										{manual.errors.receipt}
									</p>
								) : null}
							</div>
							{data.deadline?.passed ? (
								<div className="space-y-1">
									<Check
										name="confirmLate"
										id="confirmLate-manual"
										label={t('objection.filing.confirmLate')}
										checked={manual.values.confirmLate === 'on'}
									/>
									{manual.errors.confirmLate ? (
										<p role="alert" className="font-semibold text-alert">
											{manual.errors.confirmLate}
										</p>
									) : null}
								</div>
							) : null}
							<Button secondary>{t('objection.filing.record')}</Button>
						</IntentForm>
					</details>
				</>
			)}
		</section>
	)
}

function Outcome({ data, failure }: { data: ObjectionPageData; failure: Failure }) {
	const { objection } = data
	const form = failureFor(failure, objectionIntent.outcome)
	if (objection.status !== 'filed') return null
	return (
		<section id="outcome" aria-labelledby="outcome-heading" className="space-y-3">
			<h2 id="outcome-heading" className="text-2xl font-bold">
				{t('objection.section.outcome')}
			</h2>
			{objection.outcome ? (
				<>
					<p>
						{t('objection.outcome.decided', {
							outcome: objection.outcome,
							date: objection.outcomeDecidedOn ? formatDate(objection.outcomeDecidedOn, 'en', 'UTC') : '',
						})}
					</p>
					{objection.conditionsAdopted.length ? (
						<>
							<p>{t('objection.outcome.adopted')}</p>
							<ul className="list-disc pl-6">
								{objection.conditionsAdopted.map((condition) => (
									<li key={condition}>{condition}</li>
								))}
							</ul>
						</>
					) : null}
					{objection.outcomeSourceUrl ? (
						<p>
							<a href={objection.outcomeSourceUrl} rel="noopener noreferrer nofollow">
								{t('objection.outcome.source')}
							</a>
						</p>
					) : null}
				</>
			) : (
				<p>{t('objection.worked.undecided')}</p>
			)}
			{data.role === 'organizer' ? (
				<>
					<IntentForm intent={objectionIntent.outcome} label={t('objection.outcome.form.submit')}>
						<FormProblem message={form.errors.form} />
						<TextArea
							name="outcome"
							label={t('objection.outcome.form.outcome')}
							error={form.errors.outcome}
							value={form.values.outcome ?? objection.outcome ?? ''}
							rows={2}
						/>
						<Input
							name="decidedOn"
							type="date"
							label={t('objection.outcome.form.decidedOn')}
							error={form.errors.decidedOn}
							value={form.values.decidedOn ?? objection.outcomeDecidedOn?.toISOString().slice(0, 10) ?? ''}
						/>
						<Input
							name="sourceUrl"
							type="url"
							label={t('objection.outcome.form.sourceUrl')}
							error={form.errors.sourceUrl}
							value={form.values.sourceUrl ?? objection.outcomeSourceUrl ?? ''}
						/>
						<TextArea
							name="conditionsAdopted"
							label={t('objection.outcome.form.conditions')}
							hint={t('objection.form.reliefConditions.hint')}
							value={form.values.conditionsAdopted ?? objection.conditionsAdopted.join('\n')}
							rows={3}
						/>
						<Button secondary>{t('objection.outcome.form.submit')}</Button>
					</IntentForm>
					<IntentForm intent={objection.publishedAt ? objectionIntent.unpublish : objectionIntent.publish}>
						<p className="text-sm text-ink-muted">{t('objection.publish.hint')}</p>
						<Button>{objection.publishedAt ? t('objection.unpublish') : t('objection.publish')}</Button>
					</IntentForm>
				</>
			) : null}
			{objection.publishedAt ? (
				<div className="space-y-2">
					<p>{t('objection.model.count', { count: objection.modelCount })}</p>
					{data.viewerId ? (
						<Form method="post">
							<input type="hidden" name="intent" value={data.marked ? objectionIntent.unmodel : objectionIntent.model} />
							<Button secondary>{data.marked ? t('objection.model.unmark') : t('objection.model.mark')}</Button>
						</Form>
					) : null}
				</div>
			) : null}
		</section>
	)
}

function Versions({ data }: { data: ObjectionPageData }) {
	const workspace = data.workspace
	if (!workspace || workspace.versions.length === 0) return null
	const numbers = workspace.versions.map((version) => ({
		value: String(version.number),
		label: t('objection.version', { number: version.number }),
	}))
	const latest = workspace.versions[0]?.number ?? 1
	return (
		<section id="versions" aria-labelledby="versions-heading" className="space-y-3">
			<h2 id="versions-heading" className="text-2xl font-bold">
				{t('objection.section.versions')}
			</h2>
			<ul className="space-y-1">
				{workspace.versions.map((version) => (
					<li key={version.number}>
						{t('objection.version', { number: version.number })} ·{' '}
						{t('objection.versions.savedBy', { name: version.saved_by_name ?? '—', when: formatDate(version.saved_at) })}
					</li>
				))}
			</ul>
			{data.role === 'organizer' && workspace.versions.length > 1 ? (
				<Form method="get" action={`/objections/${data.objection.id}/changes`} className="flex flex-wrap items-end gap-4">
					<Select
						name="from"
						id="version-from"
						label={t('objection.versions.from')}
						options={numbers}
						value={String(Math.max(1, latest - 1))}
					/>
					<Select name="to" id="version-to" label={t('objection.versions.to')} options={numbers} value={String(latest)} />
					<Button secondary>{t('objection.versions.compare')}</Button>
				</Form>
			) : null}
		</section>
	)
}
