import { t } from '#app/i18n/i18n'

export type ShareLink = { channel: 'email' | 'whatsapp' | 'facebook' | 'x' | 'bluesky'; label: string; href: string }

/** Ready-made messages that pass a petition on: an email, WhatsApp, and the social sites. */
export function shareLinks(title: string, url: string): ShareLink[] {
	const text = t('petitions.share.text', { title })
	return [
		{
			channel: 'email',
			label: t('petitions.share.email'),
			href: `mailto:?subject=${encodeURIComponent(title)}&body=${encodeURIComponent(`${text}\n\n${url}`)}`,
		},
		{ channel: 'whatsapp', label: 'WhatsApp', href: `https://wa.me/?text=${encodeURIComponent(`${text} ${url}`)}` },
		{ channel: 'facebook', label: 'Facebook', href: `https://www.facebook.com/sharer/sharer.php?u=${encodeURIComponent(url)}` },
		{ channel: 'x', label: 'X', href: `https://twitter.com/intent/tweet?text=${encodeURIComponent(text)}&url=${encodeURIComponent(url)}` },
		{ channel: 'bluesky', label: 'Bluesky', href: `https://bsky.app/intent/compose?text=${encodeURIComponent(`${text} ${url}`)}` },
	]
}
