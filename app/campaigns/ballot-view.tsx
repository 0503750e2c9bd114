import type { ReactNode } from 'react'
import { formatRelative, t } from '#app/i18n/i18n'
import { formatCivilDate } from '#app/siting/clock-format'
import { OBSERVED_VALIDITY_PERCENT, OBSERVED_VALIDITY_SOURCE } from './ballot'
import type { Ballot } from './campaigns.server'
import { COLORADO_DISTRIBUTION, type DistributionFigures } from './districts'
import { ScrollRegion } from './scroll-region'

// The calculator's figures as a table a reader can check line by line, each
// rule with its statute or source beside it.

const number = new Intl.NumberFormat('en')

function Row({ label, children, strong = false }: { label: string; children: ReactNode; strong?: boolean }) {
	return (
		<tr className="align-top">
			<th scope="row" className="border-b border-line py-2 pr-4 font-normal">
				{label}
			</th>
			<td className={`border-b border-line py-2 text-right ${strong ? 'text-lg font-bold' : 'font-semibold'}`}>{children}</td>
		</tr>
	)
}

/** Each district's share against its projected valid signatures, the short ones named first in words. */
function DistributionTable({ distribution, rule, citation }: { distribution: DistributionFigures; rule: string; citation: string }) {
	const cell = 'border-b border-line py-2 pr-4'
	return (
		<div className="space-y-2" id="distribution">
			<h3 className="font-bold">{t('campaign.ballot.districts.heading', { percent: String(distribution.percent) })}</h3>
			<p className="text-sm">
				{rule ? t('campaign.ballot.districts.rule', { rule }) : null} {t('campaign.ballot.districts.source', { citation })}
			</p>
			<p className="font-semibold" id="distribution-summary">
				{distribution.meets
					? t('campaign.ballot.districts.meets', { count: distribution.districts.length })
					: distribution.short.length > 0
						? t('campaign.ballot.districts.short', {
								count: distribution.short.length,
								total: distribution.districts.length,
								names: distribution.short
									.slice(0, 10)
									.map((d) => d.district)
									.join(', '),
							})
						: t('campaign.ballot.districts.allEnteredMeet', { count: distribution.districts.length })}
				{distribution.missing ? ` ${t('campaign.ballot.districts.missing', { count: distribution.missing })}` : null}
			</p>
			<ScrollRegion label={t('campaign.ballot.districts.caption')}>
				<table className="w-full max-w-2xl border-collapse text-left text-sm">
					<caption className="sr-only">{t('campaign.ballot.districts.caption')}</caption>
					<thead>
						<tr>
							<th scope="col" className={cell}>
								{t('campaign.ballot.districts.district')}
							</th>
							<th scope="col" className={`${cell} text-right`}>
								{t('campaign.ballot.districts.electors')}
							</th>
							<th scope="col" className={`${cell} text-right`}>
								{t('campaign.ballot.districts.required')}
							</th>
							<th scope="col" className={`${cell} text-right`}>
								{t('campaign.ballot.districts.projected')}
							</th>
							<th scope="col" className={`${cell} text-right`}>
								{t('campaign.ballot.districts.gap')}
							</th>
						</tr>
					</thead>
					<tbody>
						{distribution.districts.map((d) => (
							<tr key={d.district} className={d.meets ? undefined : 'bg-alert-soft'}>
								<th scope="row" className={`${cell} font-normal`}>
									{d.district}
								</th>
								<td className={`${cell} text-right`}>{number.format(d.registeredElectors)}</td>
								<td className={`${cell} text-right`}>{number.format(d.required)}</td>
								<td className={`${cell} text-right`}>{number.format(d.projectedValid)}</td>
								<td className={`${cell} text-right font-semibold`}>
									{d.meets ? t('campaign.ballot.districts.met') : t('campaign.ballot.districts.shortBy', { count: number.format(d.gap) })}
								</td>
							</tr>
						))}
					</tbody>
				</table>
			</ScrollRegion>
		</div>
	)
}

export function BallotFigures({ ballot, place }: { ballot: Ballot; place: string }) {
	const { rule, totals, result, today } = ballot
	const requirement =
		rule.ruleKind === 'percent' && rule.percent !== null && rule.baseCount !== null && result.ok
			? t('campaign.ballot.requiredPercent', {
					count: number.format(result.figures.required),
					percent: String(rule.percent),
					base: number.format(rule.baseCount),
					label: rule.baseLabel,
				})
			: result.ok
				? t('campaign.ballot.requiredFixed', { count: number.format(result.figures.required) })
				: null
	return (
		<div className="space-y-4">
			<p className="max-w-prose">{t('campaign.ballot.lead')}</p>
			<ul className="space-y-1 text-sm">
				<li>
					{t('campaign.ballot.rule', { citation: rule.ruleCitation })}
					{rule.ruleSourceUrl ? (
						<>
							{' · '}
							<a href={rule.ruleSourceUrl} rel="noopener noreferrer nofollow">
								{t('campaign.ballot.ruleSource')}
							</a>
						</>
					) : null}
				</li>
				{rule.distributionRule ? <li>{t('campaign.ballot.distribution', { rule: rule.distributionRule })}</li> : null}
				{rule.circulationStartsOn && rule.circulationEndsOn ? (
					<li>
						{t('campaign.ballot.window', {
							from: formatCivilDate(rule.circulationStartsOn),
							to: formatCivilDate(rule.circulationEndsOn),
						})}
					</li>
				) : rule.circulationStartsOn ? (
					<li>{t('campaign.ballot.windowOpen', { from: formatCivilDate(rule.circulationStartsOn) })}</li>
				) : rule.circulationEndsOn ? (
					<li>{t('campaign.ballot.windowEnds', { to: formatCivilDate(rule.circulationEndsOn) })}</li>
				) : null}
			</ul>
			{!result.ok ? (
				<p role="status" className="rounded-md border-2 border-alert bg-alert-soft p-3 font-semibold">
					{t(`campaign.ballot.problem.${result.problem}`)}
				</p>
			) : (
				<>
					<ScrollRegion label={t('campaign.ballot.caption')}>
						<table className="w-full max-w-2xl border-collapse text-left" id="ballot-figures">
							<caption className="sr-only">{t('campaign.ballot.caption')}</caption>
							<thead className="sr-only">
								<tr>
									<th scope="col">{t('campaign.ballot.figure')}</th>
									<th scope="col">{t('campaign.ballot.value')}</th>
								</tr>
							</thead>
							<tbody>
								<Row label={t('campaign.ballot.required')}>{requirement}</Row>
								<Row label={t('campaign.ballot.online', { place })}>{number.format(totals.onlineInside)}</Row>
								{totals.onlineOutside ? (
									<Row label={t('campaign.ballot.onlineOutside', { place })}>{number.format(totals.onlineOutside)}</Row>
								) : null}
								<Row label={t('campaign.ballot.paper')}>{number.format(totals.paper)}</Row>
								<Row label={t('campaign.ballot.duplicates')}>−{number.format(totals.duplicates)}</Row>
								<Row label={t('campaign.ballot.countable')}>{number.format(result.figures.countable)}</Row>
								<Row label={t('campaign.ballot.validity')}>
									{t('campaign.ballot.validityValue', { percent: String(rule.validityPercent) })}
								</Row>
								<Row label={t('campaign.ballot.projected')} strong>
									<span id="projected-valid">{number.format(result.figures.projectedValid)}</span>
								</Row>
								<Row label={t('campaign.ballot.gap')} strong>
									{result.figures.gap ? number.format(result.figures.gap) : t('campaign.ballot.gapNone')}
								</Row>
								<Row label={t('campaign.ballot.target', { margin: String(rule.safetyMarginPercent) })}>
									{number.format(result.figures.target)}
								</Row>
								<Row label={t('campaign.ballot.toCollect')}>{number.format(result.figures.toCollect)}</Row>
								{result.figures.daysLeft !== null && rule.circulationEndsOn ? (
									<Row label={t('campaign.ballot.daysLeft')}>
										{result.figures.daysLeft > 0
											? t('campaign.ballot.daysLeftValue', {
													count: result.figures.daysLeft,
													date: formatCivilDate(rule.circulationEndsOn),
												})
											: t('campaign.ballot.closed')}
									</Row>
								) : null}
								{result.figures.neededPerDay !== null ? (
									<Row label={t('campaign.ballot.needed')} strong>
										<span id="needed-per-day">
											{t('campaign.ballot.neededValue', { count: number.format(result.figures.neededPerDay) })}
										</span>
									</Row>
								) : null}
								{result.figures.achievedPerDay !== null ? (
									<Row label={t('campaign.ballot.achieved')}>
										{t('campaign.ballot.achievedValue', { count: number.format(result.figures.achievedPerDay) })}
									</Row>
								) : null}
							</tbody>
						</table>
					</ScrollRegion>
					{result.figures.onPace === null || result.figures.daysLeft === 0 ? null : (
						<p className="font-semibold">{result.figures.onPace ? t('campaign.ballot.onPace') : t('campaign.ballot.offPace')}</p>
					)}
					{!totals.placeable ? <p className="text-sm">{t('campaign.ballot.onlineUnplaceable')}</p> : null}
					<p className="text-sm text-ink-muted">
						{t('campaign.ballot.validitySource', { percent: String(OBSERVED_VALIDITY_PERCENT), source: OBSERVED_VALIDITY_SOURCE.citation })}
					</p>
					{ballot.distribution ? (
						<DistributionTable
							distribution={ballot.distribution}
							rule={rule.distributionRule}
							citation={rule.samplingRule === 'colorado' ? COLORADO_DISTRIBUTION.citation : rule.ruleCitation}
						/>
					) : null}
					{rule.filedOn && rule.filedCount ? (
						<div className="space-y-2 rounded-md bg-paper-sunk p-4">
							<p className="font-semibold">
								{t('campaign.ballot.filed', { count: number.format(rule.filedCount), date: formatCivilDate(rule.filedOn) })}
							</p>
							{result.figures.certification ? (
								<p>
									{t('campaign.ballot.certification', {
										date: formatCivilDate(result.figures.certification.dueOn),
										relative: formatRelative(`${result.figures.certification.dueOn}T12:00:00Z`, `${today}T12:00:00Z`),
										days: result.figures.certification.clock.days,
										dayCount: t(`campaign.ballot.dayCount.${result.figures.certification.clock.dayCount}`),
									})}
								</p>
							) : null}
							{result.figures.sampling && rule.samplingRule !== 'none' ? (
								<>
									<h3 className="font-bold">{t('campaign.ballot.sampling.heading')}</h3>
									<p>
										{t(`campaign.ballot.sampling.${rule.samplingRule}`, { sample: number.format(result.figures.sampling.sampleSize) })} (
										{result.figures.sampling.rule.url ? (
											<a href={result.figures.sampling.rule.url} rel="noopener noreferrer nofollow">
												{result.figures.sampling.rule.statute}
											</a>
										) : (
											result.figures.sampling.rule.statute
										)}
										)
									</p>
									<p className="font-semibold">
										{t('campaign.ballot.sampling.projection', {
											percent: String(result.figures.sampling.projectedPercent),
											outcome: t(`campaign.ballot.sampling.${result.figures.sampling.outcome}`),
										})}
									</p>
								</>
							) : null}
						</div>
					) : null}
				</>
			)}
		</div>
	)
}
