import { Link } from '@remix-run/react'
import { t } from '#app/i18n/i18n'

/** The home page's pointer to the campaigns: one section, one link. */
export function CampaignsTeaser() {
	return (
		<section aria-labelledby="campaigns-heading" className="space-y-2">
			<h2 id="campaigns-heading" className="text-2xl font-bold">
				{t('home.campaigns.heading')}
			</h2>
			<p className="max-w-prose">{t('home.campaigns.body')}</p>
			<Link to="/campaigns">{t('home.campaigns.link')}</Link>
		</section>
	)
}
