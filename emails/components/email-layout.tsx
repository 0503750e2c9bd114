import { Body, Container, Head, Hr, Html, Preview, Section, Text } from '@react-email/components'
import type { ReactNode } from 'react'

const colors = { ink: '#1a1f1c', muted: '#4a534e', action: '#17623f', paper: '#fbfaf6', line: '#d6d3c8' }

/** Every Groundwork email: a preview line, the message, and a footer saying why it came. */
export function EmailLayout({ preview, footer, children }: { preview: string; footer: string; children: ReactNode }) {
	return (
		<Html lang="en">
			<Head />
			<Preview>{preview}</Preview>
			<Body
				style={{
					backgroundColor: colors.paper,
					color: colors.ink,
					fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif',
					margin: 0,
					padding: '24px 0',
				}}
			>
				<Container
					style={{
						maxWidth: '560px',
						backgroundColor: '#ffffff',
						border: `1px solid ${colors.line}`,
						borderRadius: '8px',
						padding: '24px',
					}}
				>
					<Text style={{ fontSize: '18px', fontWeight: 700, margin: '0 0 16px', color: colors.action }}>Groundwork</Text>
					{children}
					<Hr style={{ borderColor: colors.line, margin: '24px 0 12px' }} />
					<Section>
						<Text style={{ fontSize: '13px', color: colors.muted, margin: 0 }}>{footer}</Text>
					</Section>
				</Container>
			</Body>
		</Html>
	)
}

export const emailStyles = {
	paragraph: { fontSize: '16px', lineHeight: '24px', margin: '0 0 16px' },
	button: {
		backgroundColor: colors.action,
		color: '#ffffff',
		borderRadius: '6px',
		padding: '12px 20px',
		fontSize: '16px',
		fontWeight: 600,
		textDecoration: 'none',
		display: 'inline-block',
	},
	code: {
		fontSize: '28px',
		letterSpacing: '6px',
		fontWeight: 700,
		fontFamily: 'ui-monospace, Menlo, Consolas, monospace',
		margin: '8px 0 16px',
	},
	small: { fontSize: '14px', color: colors.muted, lineHeight: '20px', margin: '0 0 12px' },
} as const
