import { useEffect, useRef, useState } from 'react'
import { t } from '#app/i18n/i18n'

// A countdown for the body's time limit, to practise the testimony aloud. It
// needs JavaScript, so it appears only once the page has hydrated; without it
// the page says so and gives the limit (the testimony itself needs none).

function clock(seconds: number) {
	const whole = Math.max(0, Math.floor(seconds))
	return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, '0')}`
}

export function PracticeTimer({ minutes }: { minutes: number | null }) {
	const [ready, setReady] = useState(false)
	const [elapsed, setElapsed] = useState(0)
	const [running, setRunning] = useState(false)
	const startedAt = useRef<number | null>(null)
	const before = useRef(0)
	useEffect(() => setReady(true), [])
	useEffect(() => {
		if (!running) return
		startedAt.current = Date.now()
		const tick = window.setInterval(() => {
			if (startedAt.current !== null) setElapsed(before.current + (Date.now() - startedAt.current) / 1000)
		}, 250)
		return () => window.clearInterval(tick)
	}, [running])
	const limit = minutes === null ? null : minutes * 60
	const remaining = limit === null ? null : limit - elapsed
	const over = remaining !== null && remaining <= 0
	const warning = remaining !== null && remaining > 0 && remaining <= 30
	useEffect(() => {
		if (over) setRunning(false)
	}, [over])
	function pause() {
		before.current = elapsed
		startedAt.current = null
		setRunning(false)
	}
	function reset() {
		before.current = 0
		startedAt.current = null
		setRunning(false)
		setElapsed(0)
	}
	return (
		<section aria-labelledby="timer-heading" className="space-y-3">
			<h2 id="timer-heading" className="text-2xl font-bold print:hidden">
				{t('speakers.timer.heading')}
			</h2>
			{minutes !== null ? <p>{t('speakers.timer.lead', { minutes })}</p> : ready ? <p>{t('speakers.timer.noLimit')}</p> : null}
			{ready ? (
				<div className="space-y-3">
					<p
						className={`font-mono text-5xl font-bold tabular-nums ${over || warning ? 'text-alert' : ''}`}
						aria-live="off"
						data-testid="timer-display"
					>
						{remaining === null ? clock(elapsed) : clock(remaining)}
					</p>
					<p className="sr-only" aria-live="polite">
						{over ? t('speakers.timer.over') : warning ? t('speakers.timer.warning') : ''}
					</p>
					<p aria-hidden="true" className="font-semibold">
						{over
							? t('speakers.timer.over')
							: warning
								? t('speakers.timer.warning')
								: remaining === null
									? t('speakers.timer.elapsed', { time: clock(elapsed) })
									: t('speakers.timer.remaining', { time: clock(remaining) })}
					</p>
					<div className="flex flex-wrap gap-3">
						{running ? (
							<button type="button" onClick={pause} className="min-h-11 rounded-md bg-action px-5 py-2 font-semibold text-white">
								{t('speakers.timer.pause')}
							</button>
						) : (
							<button
								type="button"
								onClick={() => setRunning(true)}
								disabled={over}
								className="min-h-11 rounded-md bg-action px-5 py-2 font-semibold text-white disabled:opacity-60"
							>
								{t('speakers.timer.start')}
							</button>
						)}
						<button type="button" onClick={reset} className="min-h-11 rounded-md border border-ink-muted px-5 py-2 font-semibold">
							{t('speakers.timer.reset')}
						</button>
					</div>
				</div>
			) : (
				<p className="text-ink-muted">
					{minutes !== null ? t('speakers.timer.noscript', { minutes }) : t('speakers.timer.noscript.noLimit')}
				</p>
			)}
		</section>
	)
}
