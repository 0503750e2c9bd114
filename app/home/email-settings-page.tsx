import { Form, Link } from '@remix-run/react'
import { emailFrequencies } from '#app/chapters/schemas'
import { Notice } from '#app/components/choice-field'
import { SubmitButton } from '#app/components/forms'
import { PageHeading } from '#app/components/layout'
import { t } from '#app/i18n/i18n'
import type { EmailSettingIntent } from './email-settings'
import type { EmailSettings } from './email-settings.server'

function Intent({ value }: { value: EmailSettingIntent }) {
	return <input type="hidden" name="intent" value={value} />
}

/** One page for every email Groundwork sends a member; each change is its own small form, so it works without JavaScript. */
export function EmailSettingsPage({ settings, saved, problem }: { settings: EmailSettings; saved: boolean; problem: string | null }) {
	return (
		<div className="max-w-3xl space-y-10">
			<PageHeading lead={t('emailPage.lead')}>{t('emailPage.heading')}</PageHeading>
			{problem ? <Notice tone="problem">{problem}</Notice> : saved ? <Notice>{t('emailPage.saved')}</Notice> : null}

			<section aria-labelledby="chapter-emails" className="space-y-4">
				<h2 id="chapter-emails" className="text-2xl font-bold">
					{t('emailPage.chapters.heading')}
				</h2>
				<p className="text-ink-muted">{t('emailSettings.hint')}</p>
				{settings.chapters.length === 0 ? (
					<p>{t('emailPage.chapters.empty')}</p>
				) : (
					<ul className="space-y-3">
						{settings.chapters.map((chapter) => (
							<li key={chapter.chapterId} className="rounded-lg border border-line bg-paper-raised p-4">
								<Form method="post" className="flex flex-wrap items-end gap-3">
									<Intent value="chapter-frequency" />
									<input type="hidden" name="chapterId" value={chapter.chapterId} />
									<div className="min-w-0 grow space-y-1">
										<label htmlFor={`frequency-${chapter.chapterId}`} className="block font-semibold break-words">
											{t('emailPage.chapters.frequency', { chapter: chapter.name })}
										</label>
										<select
											id={`frequency-${chapter.chapterId}`}
											name="frequency"
											defaultValue={chapter.frequency}
											className="min-h-11 w-full rounded-md border border-ink-muted bg-paper-raised px-3"
										>
											{emailFrequencies.map((frequency) => (
												<option key={frequency} value={frequency}>
													{t(`emailSettings.${frequency}`)}
												</option>
											))}
										</select>
									</div>
									<SubmitButton>{t('emailPage.save')}</SubmitButton>
								</Form>
							</li>
						))}
					</ul>
				)}
			</section>

			<section aria-labelledby="follow-emails" className="space-y-4">
				<h2 id="follow-emails" className="text-2xl font-bold">
					{t('emailPage.follows.heading')}
				</h2>
				{settings.follows.length === 0 ? (
					<p>
						{t('emailPage.follows.empty')} <Link to="/projects">{t('myHome.upcoming.findProjects')}</Link>
					</p>
				) : (
					<ul className="space-y-3">
						{settings.follows.map((follow) => (
							<li key={follow.id} className="space-y-2 rounded-lg border border-line bg-paper-raised p-4 break-words">
								<p className="font-semibold">
									<Link to={follow.href}>{follow.name}</Link>
								</p>
								<p>
									{follow.remindDays.length
										? t('emailPage.follows.reminders', { days: follow.remindDays.join(', ') })
										: t('emailPage.follows.noReminders')}
									{follow.digest ? ` ${t('emailPage.follows.digest')}` : ''}
								</p>
								<div className="flex flex-wrap items-center gap-4">
									<Link to={follow.href}>{t('emailPage.follows.change')}</Link>
									<Form method="post">
										<Intent value="unfollow" />
										<input type="hidden" name="followId" value={follow.id} />
										<SubmitButton>{t('emailPage.follows.stop', { project: follow.name })}</SubmitButton>
									</Form>
								</div>
							</li>
						))}
					</ul>
				)}
			</section>

			<section aria-labelledby="petition-emails" className="space-y-4">
				<h2 id="petition-emails" className="text-2xl font-bold">
					{t('emailPage.petitions.heading')}
				</h2>
				<p className="text-ink-muted">{t('emailPage.petitions.lead')}</p>
				{settings.petitions.length === 0 ? (
					<p>{t('emailPage.petitions.empty')}</p>
				) : (
					<ul className="space-y-3">
						{settings.petitions.map((petition) => (
							<li key={petition.signatureId} className="space-y-2 rounded-lg border border-line bg-paper-raised p-4 break-words">
								<p className="font-semibold">
									<Link to={`/petitions/${petition.slug}`}>{petition.title}</Link>
								</p>
								<Form method="post">
									<Intent value="stop-petition-updates" />
									<input type="hidden" name="signatureId" value={petition.signatureId} />
									<SubmitButton>{t('emailPage.petitions.stop', { petition: petition.title })}</SubmitButton>
								</Form>
							</li>
						))}
					</ul>
				)}
			</section>

			<section aria-labelledby="event-emails" className="space-y-2">
				<h2 id="event-emails" className="text-2xl font-bold">
					{t('emailPage.events.heading')}
				</h2>
				<p>{t('emailPage.events.lead')}</p>
			</section>
		</div>
	)
}
