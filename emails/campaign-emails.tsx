import { Button, Heading, Link, Section, Text } from '@react-email/components'
import { t } from '#app/i18n/i18n'
import { Markdown } from '#app/markdown/markdown'
import { markdownTree } from '#app/markdown/markdown.server'
import { EmailLayout, emailStyles } from './components/email-layout'

export type CampaignUpdateEmailProps = {
	campaignName: string
	title: string
	/** Markdown, rendered through the same whitelist as the campaign page. */
	body: string
	updateUrl: string
	/** The recipient's own one-click unsubscribe link (a batch slot). */
	unsubscribeUrl: string
}

export function campaignUpdateSubject(props: CampaignUpdateEmailProps) {
	return t('email.campaignUpdate.subject', { campaign: props.campaignName, title: props.title })
}

/** A coalition's update, to each person who follows the campaign. */
export function CampaignUpdateEmail({ campaignName, title, body, updateUrl, unsubscribeUrl }: CampaignUpdateEmailProps) {
	return (
		<EmailLayout preview={title} footer={t('email.campaignUpdate.footer', { campaign: campaignName })}>
			<Text style={emailStyles.small}>{t('email.campaignUpdate.posted', { campaign: campaignName })}</Text>
			<Heading as="h1" style={{ fontSize: '22px', margin: '0 0 12px' }}>
				{title}
			</Heading>
			<Section style={emailStyles.paragraph}>
				<Markdown tree={markdownTree(body)} headingLevel={3} />
			</Section>
			<Button href={updateUrl} style={emailStyles.button}>
				{t('email.campaignUpdate.read')}
			</Button>
			<Text style={emailStyles.small}>
				<Link href={unsubscribeUrl}>{t('email.campaignUpdate.unsubscribe')}</Link>
			</Text>
		</EmailLayout>
	)
}

CampaignUpdateEmail.PreviewProps = {
	campaignName: 'Pine Tree Power',
	title: 'We filed 80,154 signatures',
	body: 'Thank you to every circulator. The Secretary of State now checks them.',
	updateUrl: 'http://localhost:3000/campaigns/pine-tree-power#update-00000000-0000-4000-8000-000000000000',
	unsubscribeUrl: 'http://localhost:3000/campaigns/unsubscribe/00000000-0000-4000-8000-000000000000',
} satisfies CampaignUpdateEmailProps
