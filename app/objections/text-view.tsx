import type { MessageKey } from '#app/i18n/en'
import { t } from '#app/i18n/i18n'
import type { ObjectionText } from './objections.server'

/** A saved version's text, as a signer reads it before agreeing. */
export function ObjectionTextView({ text }: { text: ObjectionText }) {
	return (
		<div className="space-y-4 rounded-md border border-line bg-paper-raised p-4">
			<h2 className="text-2xl font-bold">{text.subject}</h2>
			{text.standingResidents ? <p className="whitespace-pre-line">{text.standingResidents}</p> : null}
			{text.standingOrganizations ? <p className="whitespace-pre-line">{text.standingOrganizations}</p> : null}
			<ol className="list-decimal space-y-3 pl-6">
				{text.grounds.map((ground, index) => (
					<li key={index}>
						<h3 className="font-semibold">{ground.title}</h3>
						<p className="whitespace-pre-line">{ground.argument}</p>
						{ground.evidence.length ? (
							<ul className="list-disc pl-6 text-sm">
								{ground.evidence.map((item, n) => (
									<li key={n}>
										{item.url ? (
											<a href={item.url} rel="noopener noreferrer nofollow">
												{item.title}
											</a>
										) : (
											item.title
										)}
									</li>
								))}
							</ul>
						) : null}
					</li>
				))}
			</ol>
			<h3 className="font-semibold">{t('objection.form.relief')}</h3>
			<ul className="list-disc pl-6">
				{text.relief.map((relief) => (
					<li key={relief}>{t(`objection.relief.${relief}` as MessageKey)}</li>
				))}
				{text.reliefConditions.map((condition) => (
					<li key={condition}>{condition}</li>
				))}
			</ul>
			{text.reliefNote ? <p className="whitespace-pre-line">{text.reliefNote}</p> : null}
		</div>
	)
}
