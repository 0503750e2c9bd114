import type { ReactNode } from 'react'

/** A wide table that scrolls sideways on a phone: focusable, and named, so a keyboard can scroll it too. */
export function ScrollRegion({ label, children }: { label: string; children: ReactNode }) {
	return (
		<div className="overflow-x-auto" tabIndex={0} role="region" aria-label={label}>
			{children}
		</div>
	)
}
