import type { LoaderFunctionArgs } from '@remix-run/node'
import { t } from '#app/i18n/i18n'
import { renderPlacesMap } from '#app/petitions/map.server'
import { placeCounts } from '#app/petitions/petitions.server'
import { petitionSvg } from '#app/petitions/svg-image.server'

// Where signers live, as an SVG image for the petition page.
export async function loader({ request, params }: LoaderFunctionArgs) {
	return petitionSvg(request, params.slug ?? '', async (trx, petition) =>
		renderPlacesMap(await placeCounts(trx, petition.id), {
			title: t('petitions.places.heading'),
			description: t('petitions.places.mapAlt'),
			signatures: (count) => t('petitions.places.count', { count }),
		}),
	)
}
