import { t } from '#app/i18n/i18n'

// The personalization meter and the length check, as the writer sees them:
// the same markup whether the numbers came from the live check (JavaScript)
// or from "Check my comment" (the server, without it).

export type MeterReading = { ownWords: number; nearDuplicate: boolean }

export function PersonalMeter({ reading, nudgeBelow }: { reading: MeterReading | null; nudgeBelow: number }) {
	const percent = reading ? Math.round(reading.ownWords * 100) : null
	return (
		<div className="space-y-1" data-testid="personal-meter">
			<p id="meter-label" className="font-semibold">
				{t('comments.meter.label')}
			</p>
			<div className="flex items-center gap-3">
				<meter
					aria-labelledby="meter-label"
					min={0}
					max={100}
					low={nudgeBelow * 100}
					high={70}
					optimum={100}
					value={percent ?? 0}
					className="h-4 w-48"
				/>
				<output aria-live="polite" className="font-semibold" data-testid="own-words">
					{percent === null ? t('comments.meter.none') : t('comments.meter.value', { percent })}
				</output>
			</div>
			{reading && reading.nearDuplicate ? (
				<p className="font-semibold text-alert">{t('comments.meter.nearDuplicate')}</p>
			) : reading && reading.ownWords < nudgeBelow ? (
				<p className="font-semibold text-alert">{t('comments.meter.nudge')}</p>
			) : reading ? (
				<p className="text-ink-muted">{t('comments.meter.good')}</p>
			) : (
				<p className="text-sm text-ink-muted">{t('comments.meter.hint')}</p>
			)}
		</div>
	)
}

export function LengthCheck({ count, max, min }: { count: number; max: number; min: number }) {
	const over = count - max
	const under = min - count
	return (
		<p
			id="body-length"
			aria-live="polite"
			className={over > 0 || (under > 0 && count > 0) ? 'font-semibold text-alert' : 'text-sm text-ink-muted'}
			data-testid="length-check"
		>
			{over > 0
				? t('comments.length.over', { over, max })
				: under > 0 && count > 0
					? t('comments.length.under', { under, min })
					: t('comments.length.count', { count, max })}
		</p>
	)
}
