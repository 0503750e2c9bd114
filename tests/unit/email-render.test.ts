import { render } from '@react-email/components'
import { describe, expect, test } from 'vitest'
import { renderEmail, renderEmails } from '#app/email/email.server'
import { emailTemplates, type EmailTemplateName, type EmailTemplateProps } from '#app/email/templates.server'

// renderEmail renders a template once and derives the text from that HTML with
// a converter compiled once (docs/decisions/085). What it must give is what
// it gave before: two renders, `render(element)` and `render(element, { plainText: true })`.
// These compare the two byte for byte, for every template.

async function before<Name extends EmailTemplateName>(name: Name, props: EmailTemplateProps[Name]) {
	const template = emailTemplates[name]
	const element = template.render(props)
	const [html, text] = await Promise.all([render(element), render(element, { plainText: true })])
	return { subject: template.subject(props), html, text, headers: template.headers?.(props) ?? {} }
}

/** Each template's own preview props (the component's PreviewProps, as the email preview shows them). */
function previewProps(name: EmailTemplateName): object {
	const element = emailTemplates[name].render({} as never) as { type: { PreviewProps?: object } }
	const props = element.type.PreviewProps
	if (!props) throw new Error(`${name} has no PreviewProps`)
	return props
}

const names = Object.keys(emailTemplates) as EmailTemplateName[]

// Values a person can type into a form, which React escapes and html-to-text unescapes and squeezes.
const hostile = [
	'Dana Whitfield',
	'<script>alert("x")</script> & O\'Brien',
	'Ann  Lee',
	' leading and trailing ',
	'tab\there',
	'line\nbreak',
	'zero\u200bwidth',
	'&amp; &lt;already escaped&gt;',
	'Ünïcödé 名前 👋🏽 مرحبا',
	'#not-a-link',
	'mailto:someone@example.org',
	'__GW_name__',
	'x',
]

describe('renderEmail gives the same subject, HTML, text and headers as two renders did', () => {
	test.each(names)('%s', async (name) => {
		const props = previewProps(name) as EmailTemplateProps[typeof name]
		expect(await renderEmail(name, props)).toStrictEqual(await before(name, props))
	})

	test.each(hostile)('petition emails with the name %j', async (value) => {
		const confirm = { ...(previewProps('petition_confirm') as EmailTemplateProps['petition_confirm']), name: value, petitionTitle: value }
		expect(await renderEmail('petition_confirm', confirm)).toStrictEqual(await before('petition_confirm', confirm))
		for (const standing of ['counted', 'held', 'removed'] as const) {
			const already = {
				...(previewProps('petition_already_signed') as EmailTemplateProps['petition_already_signed']),
				name: value,
				standing,
			}
			expect(await renderEmail('petition_already_signed', already)).toStrictEqual(await before('petition_already_signed', already))
		}
	})
})

describe('renderEmails: copies of one render are the same as rendering each', () => {
	test('a surge of confirmations for two petitions, with names and links of every kind', async () => {
		const confirm = previewProps('petition_confirm') as EmailTemplateProps['petition_confirm']
		const already = previewProps('petition_already_signed') as EmailTemplateProps['petition_already_signed']
		const emails = [
			...hostile.map((name, i) => ({
				template: 'petition_confirm' as const,
				props: { ...confirm, name, confirmUrl: `${confirm.confirmUrl.replace(/token=.*/, '')}token=${i}&x="${name}"` },
			})),
			...hostile.map((name, i) => ({
				template: 'petition_confirm' as const,
				props: { ...confirm, petitionTitle: 'Another <petition> & more', name, confirmUrl: `https://example.org/c?t=${i}` },
			})),
			...hostile.map((name, i) => ({
				template: 'petition_already_signed' as const,
				props: { ...already, name, standing: (['counted', 'held', 'removed'] as const)[i % 3] ?? 'counted' },
			})),
			// A name that is empty is rendered on its own (React writes no text for it).
			{ template: 'petition_confirm' as const, props: { ...confirm, name: '' } },
			// A template with no per-recipient props, in the same list.
			{ template: 'petition_milestone' as const, props: previewProps('petition_milestone') as EmailTemplateProps['petition_milestone'] },
		]
		const together = await renderEmails(emails)
		expect(together).toHaveLength(emails.length)
		for (const [i, email] of emails.entries()) {
			expect(together[i], `email ${i}: ${JSON.stringify(email.props)}`).toStrictEqual(await before(email.template, email.props as never))
		}
	})

	test('a first copy whose text cannot be filled in does not stop the others being checked', async () => {
		const confirm = previewProps('petition_confirm') as EmailTemplateProps['petition_confirm']
		const emails = ['Ann  Lee', 'Bo Chen', 'Cy <D> & "E"'].map((name) => ({
			template: 'petition_confirm' as const,
			props: { ...confirm, name },
		}))
		const together = await renderEmails(emails)
		for (const [i, email] of emails.entries()) expect(together[i]).toStrictEqual(await before(email.template, email.props))
	})
})
