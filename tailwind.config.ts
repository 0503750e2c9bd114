import type { Config } from 'tailwindcss'

// Calm, civic, high contrast: one action colour (deep green), ink on paper,
// and an alert red kept for deadlines and errors. Loaded by app/tailwind.css via @config.
export default {
	content: ['./app/**/*.{ts,tsx}'],
	theme: {
		extend: {
			colors: {
				ink: { DEFAULT: '#1a1f1c', muted: '#4a534e' },
				paper: { DEFAULT: '#fbfaf6', raised: '#ffffff', sunk: '#f1efe7' },
				action: { DEFAULT: '#17623f', hover: '#0f4a2f', soft: '#e3f1e9' },
				alert: { DEFAULT: '#a3261b', soft: '#fbe9e7' },
				line: '#d6d3c8',
			},
			fontFamily: {
				sans: ['system-ui', '-apple-system', '"Segoe UI"', 'Roboto', '"Helvetica Neue"', 'Arial', 'sans-serif'],
			},
			maxWidth: { prose: '68ch' },
		},
	},
} satisfies Config
