import { t } from '#app/i18n/i18n'
import { addDays, daysBetween } from '#app/siting/civil-date'
import { formatCivilDate } from '#app/siting/clock-format'
import { fileFacts } from '#app/siting/records-files-panel'
import type { Milestone, Stage } from './campaigns.server'
import { ScrollRegion } from './scroll-region'
import { stageFileHref } from './stage-files'

// The campaign's road as an SVG drawn on the server (it is in the HTML, so
// it reads without JavaScript) with the same facts in a table beside it:
// one bar a dated step, a diamond a milestone, a line for today.

const WIDTH = 720
const ROW = 28
const LEFT = 8
const RIGHT = 8
const TOP = 30

const STATUS_COLOURS: Record<Stage['status'], string> = {
	not_started: '#9aa5b1',
	in_progress: '#2f6db5',
	done: '#17623f',
	blocked: '#b3261e',
	skipped: '#d5d9de',
}

function shortDate(date: string) {
	return new Intl.DateTimeFormat('en', { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${date}T12:00:00Z`))
}

export function stageDates(stage: Pick<Stage, 'startsOn' | 'endsOn'>) {
	if (stage.startsOn && stage.endsOn)
		return t('campaign.stages.range', { from: formatCivilDate(stage.startsOn), to: formatCivilDate(stage.endsOn) })
	if (stage.startsOn) return t('campaign.stages.from', { date: formatCivilDate(stage.startsOn) })
	if (stage.endsOn) return t('campaign.stages.until', { date: formatCivilDate(stage.endsOn) })
	return t('campaign.stages.undated')
}

export function Timeline({ name, stages, milestones, today }: { name: string; stages: Stage[]; milestones: Milestone[]; today: string }) {
	const dated = stages.filter((stage) => stage.startsOn || stage.endsOn)
	const dates = [
		...dated.flatMap((stage) => [stage.startsOn, stage.endsOn].filter((d): d is string => Boolean(d))),
		...milestones.map((milestone) => milestone.dueOn),
	].sort()
	const first = dates[0]
	const last = dates[dates.length - 1]
	if (!first || !last) return <p>{t('campaign.timeline.empty')}</p>
	// A little room either side; a single day still gets a month of width.
	const from = addDays(first, -15)
	const to = addDays(last === first ? addDays(last, 30) : last, 15)
	const span = Math.max(1, daysBetween(from, to))
	const x = (date: string) => LEFT + ((WIDTH - LEFT - RIGHT) * daysBetween(from, date)) / span
	const rows = dated.length + (milestones.length ? 1 : 0)
	const height = TOP + rows * ROW + 10
	const titleId = 'timeline-title'
	const descId = 'timeline-desc'
	const years: string[] = []
	for (let year = Number(from.slice(0, 4)) + 1; year <= Number(to.slice(0, 4)); year++) years.push(`${year}-01-01`)
	const todayInside = today >= from && today <= to
	return (
		<svg
			viewBox={`0 0 ${WIDTH} ${height}`}
			width="100%"
			role="img"
			aria-labelledby={`${titleId} ${descId}`}
			className="h-auto max-w-full rounded-md border border-line bg-paper-raised"
		>
			<title id={titleId}>{t('campaign.timeline.heading')}</title>
			<desc id={descId}>
				{t('campaign.timeline.alt', { name, count: dated.length, from: formatCivilDate(first), to: formatCivilDate(last) })}
			</desc>
			{years.map((year) => (
				<g key={year}>
					<line x1={x(year)} x2={x(year)} y1={TOP - 8} y2={height - 6} stroke="#d5d9de" />
					<text x={x(year) + 3} y={16} fontSize="13" fill="#3b4652">
						{year.slice(0, 4)}
					</text>
				</g>
			))}
			{dated.map((stage, index) => {
				const start = stage.startsOn ?? stage.endsOn ?? first
				const end = stage.endsOn ?? stage.startsOn ?? first
				const left = x(start)
				const width = Math.max(6, x(end) - left)
				const y = TOP + index * ROW
				const labelRight = left + width + 6 < WIDTH - 160
				return (
					<g key={stage.id}>
						<rect x={left} y={y} width={width} height={ROW - 10} rx="3" fill={STATUS_COLOURS[stage.status]} />
						<text
							x={labelRight ? left + width + 6 : left - 6}
							y={y + ROW / 2}
							fontSize="13"
							fill="#1b232c"
							textAnchor={labelRight ? 'start' : 'end'}
						>
							{stage.title}
						</text>
					</g>
				)
			})}
			{milestones.map((milestone) => {
				const cx = x(milestone.dueOn)
				const cy = TOP + dated.length * ROW + (ROW - 10) / 2
				return (
					<path
						key={milestone.id}
						d={`M${cx} ${cy - 7}L${cx + 7} ${cy}L${cx} ${cy + 7}L${cx - 7} ${cy}Z`}
						fill={milestone.doneOn ? '#17623f' : '#fff'}
						stroke="#1b232c"
						strokeWidth="1.5"
					>
						<title>{`${milestone.title} — ${shortDate(milestone.dueOn)}`}</title>
					</path>
				)
			})}
			{todayInside ? (
				<g>
					<line x1={x(today)} x2={x(today)} y1={TOP - 8} y2={height - 6} stroke="#b3261e" strokeWidth="2" strokeDasharray="4 3" />
					<text x={x(today) + 4} y={TOP - 12} fontSize="12" fill="#b3261e">
						{t('campaign.timeline.today')}
					</text>
				</g>
			) : null}
		</svg>
	)
}

export function StagesTable({ stages, campaignSlug }: { stages: Stage[]; campaignSlug: string }) {
	if (stages.length === 0) return <p>{t('campaign.stages.none')}</p>
	return (
		<ScrollRegion label={t('campaign.stages.caption')}>
			<table className="w-full border-collapse text-left">
				<caption className="sr-only">{t('campaign.stages.caption')}</caption>
				<thead>
					<tr>
						<th scope="col" className="border-b border-line py-2 pr-4">
							{t('campaign.stages.step')}
						</th>
						<th scope="col" className="border-b border-line py-2 pr-4">
							{t('campaign.stages.status')}
						</th>
						<th scope="col" className="border-b border-line py-2 pr-4">
							{t('campaign.stages.dates')}
						</th>
						<th scope="col" className="border-b border-line py-2">
							{t('campaign.stages.evidence')}
						</th>
					</tr>
				</thead>
				<tbody>
					{stages.map((stage) => (
						<tr key={stage.id} className="align-top">
							<th scope="row" className="border-b border-line py-2 pr-4 font-semibold">
								{stage.title}
								{stage.ownerName ? (
									<span className="block text-sm font-normal text-ink-muted">
										{t('campaign.stages.owner')}: {stage.ownerName}
									</span>
								) : null}
								{stage.notes ? <span className="block text-sm font-normal">{stage.notes}</span> : null}
							</th>
							<td className="border-b border-line py-2 pr-4">{t(`campaign.stageStatus.${stage.status}`)}</td>
							<td className="border-b border-line py-2 pr-4">{stageDates(stage)}</td>
							<td className="border-b border-line py-2">
								{stage.evidence.length || stage.files.length ? (
									<ul className="space-y-1">
										{stage.evidence.map((url, index) => (
											<li key={url}>
												<a href={url} rel="noopener noreferrer nofollow">
													{t('campaign.stages.evidenceLink', { n: index + 1 })}
												</a>
											</li>
										))}
										{stage.files.map((file) => (
											<li key={file.id} className="break-words">
												<a href={stageFileHref(campaignSlug, file.id)}>
													{t('campaign.stages.file', {
														title: file.title,
														facts: fileFacts({ contentType: file.contentType, sizeBytes: file.sizeBytes, receivedOn: null }),
													})}
												</a>
												{file.isPublic ? null : <span className="block text-sm text-ink-muted">{t('campaign.stages.fileHeld')}</span>}
											</li>
										))}
									</ul>
								) : null}
							</td>
						</tr>
					))}
				</tbody>
			</table>
		</ScrollRegion>
	)
}
