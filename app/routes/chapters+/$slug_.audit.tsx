import { data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { requireChapterOrganizer } from '#app/auth/guards.server'
import { listAuditLog, type AuditEntry } from '#app/chapters/audit.server'
import { PageHeading } from '#app/components/layout'
import { en, type MessageKey } from '#app/i18n/en'
import { t } from '#app/i18n/i18n'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: t('audit.title', { chapter: data?.chapter.name ?? '' }) }]

export async function loader({ request, params }: LoaderFunctionArgs) {
	const { caller, chapter, timeZone, headers } = await requireChapterOrganizer(request, params)
	const before = new URL(request.url).searchParams.get('before') ?? undefined
	const page = await listAuditLog(caller, chapter.id, { before })
	return data({ chapter, ...page, timeZone: timeZone ?? 'America/New_York' }, { headers })
}

function isMessageKey(key: string): key is MessageKey {
	return key in en
}

function text(value: unknown) {
	if (typeof value === 'string') return value
	if (Array.isArray(value))
		return value
			.filter((item) => typeof item === 'string')
			.map((item) => (isMessageKey(`audit.field.${item}`) ? t(`audit.field.${item}` as MessageKey) : item))
			.join(', ')
	return ''
}

/** One entry as a sentence: "Marcus Bell approved Tom Nguyen's request to join." */
function describe(entry: AuditEntry) {
	const actor = entry.actorName === null ? t('audit.system') : entry.actorName || t('audit.someone')
	const subject = entry.subjectName === null ? '' : entry.subjectName || t('audit.someone')
	const key = `audit.action.${entry.action}`
	const params = {
		actor,
		subject,
		title: text(entry.details.title),
		email: text(entry.details.email) || t('audit.erasedEmail'),
		fields: text(entry.details.fields),
		role: text(entry.details.role),
	}
	return isMessageKey(key) ? t(key, params) : t('audit.action.other', { ...params, action: entry.action })
}

export default function AuditLog() {
	const { chapter, entries, nextBefore, timeZone } = useLoaderData<typeof loader>()
	const format = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short', timeZone })
	return (
		<div className="space-y-8">
			<p>
				<Link to={`/chapters/${chapter.slug}`}>← {chapter.name}</Link>
			</p>
			<PageHeading lead={t('audit.lead')}>{t('audit.heading')}</PageHeading>
			{entries.length === 0 ? (
				<p>{t('audit.empty')}</p>
			) : (
				<ol className="divide-y divide-line rounded-lg border border-line bg-paper-raised">
					{entries.map((entry) => (
						<li key={entry.id} className="flex flex-col gap-1 p-4 sm:flex-row sm:gap-4">
							<time dateTime={new Date(entry.at).toISOString()} className="shrink-0 text-sm text-ink-muted sm:w-48">
								{format.format(new Date(entry.at))}
							</time>
							<span>{describe(entry)}</span>
						</li>
					))}
				</ol>
			)}
			{nextBefore ? (
				<p>
					<Link to={`?before=${nextBefore}`}>{t('audit.older')}</Link>
				</p>
			) : null}
		</div>
	)
}
