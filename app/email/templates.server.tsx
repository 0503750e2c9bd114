import type { ReactElement } from 'react'
import { AuthEmail, authEmailSubject, type AuthEmailProps } from '#emails/auth-email'
import { CampaignUpdateEmail, campaignUpdateSubject, type CampaignUpdateEmailProps } from '#emails/campaign-emails'
import {
	ChapterDigestEmail,
	chapterDigestSubject,
	ChapterInvitationEmail,
	chapterInvitationSubject,
	ChapterUpdateEmail,
	chapterUpdateSubject,
	JoinDecisionEmail,
	joinDecisionSubject,
	JoinRequestEmail,
	joinRequestSubject,
	type ChapterDigestEmailProps,
	type ChapterInvitationEmailProps,
	type ChapterUpdateEmailProps,
	type JoinDecisionEmailProps,
	type JoinRequestEmailProps,
} from '#emails/chapter-emails'
import {
	CommentConfirmEmail,
	commentConfirmSubject,
	CommentCopyEmail,
	commentCopySubject,
	CommentReportEmail,
	commentReportSubject,
	CommentSignOnLetterEmail,
	commentSignOnLetterSubject,
	CommentToClerkEmail,
	commentToClerkSubject,
	type CommentConfirmEmailProps,
	type CommentCopyEmailProps,
	type CommentReportEmailProps,
	type CommentSignOnLetterEmailProps,
	type CommentToClerkEmailProps,
} from '#emails/comment-emails'
import { EventEmail, eventEmailSubject, type EventEmailProps } from '#emails/event-emails'
import { FollowEmail, followEmailSubject, type FollowEmailProps } from '#emails/follow-emails'
import { ObjectionEmail, objectionEmailSubject, type ObjectionEmailProps } from '#emails/objection-emails'
import {
	PetitionConfirmEmail,
	petitionConfirmSubject,
	PetitionMilestoneEmail,
	petitionMilestoneSubject,
	PetitionUpdateEmail,
	petitionUpdateSubject,
	type PetitionConfirmEmailProps,
	type PetitionMilestoneEmailProps,
	type PetitionUpdateEmailProps,
} from '#emails/petition-emails'
import { PetitionTakedownEmail, petitionTakedownSubject, type PetitionTakedownEmailProps } from '#emails/petition-moderation-emails'
import {
	PetitionAlreadySignedEmail,
	petitionAlreadySignedSubject,
	type PetitionAlreadySignedEmailProps,
} from '#emails/petition-signature-emails'
import { SitingRevisionEmail, sitingRevisionSubject, type SitingRevisionEmailProps } from '#emails/siting-revision-emails'
import { SpeakerEmail, speakerEmailSubject, type SpeakerEmailProps } from '#emails/speaker-emails'

export type EmailTemplate<Props> = {
	subject: (props: Props) => string
	render: (props: Props) => ReactElement
	/** Extra headers, e.g. List-Unsubscribe for mail people can opt out of. */
	headers?: (props: Props) => Record<string, string>
	/**
	 * String props that differ from one recipient to the next and that the
	 * template only prints (as text or an attribute), never inspects: emails
	 * alike in every other prop are rendered once, with these filled in per
	 * copy (renderEmails in email.server.ts).
	 */
	perRecipient?: ReadonlyArray<keyof Props & string>
}

/** The props each template takes, by name. A feature adds a line here and an entry below. */
export type EmailTemplateProps = {
	auth: AuthEmailProps
	chapter_invitation: ChapterInvitationEmailProps
	chapter_update: ChapterUpdateEmailProps
	chapter_digest: ChapterDigestEmailProps
	join_request: JoinRequestEmailProps
	join_decision: JoinDecisionEmailProps
	event: EventEmailProps
	follow: FollowEmailProps
	petition_confirm: PetitionConfirmEmailProps
	petition_already_signed: PetitionAlreadySignedEmailProps
	petition_milestone: PetitionMilestoneEmailProps
	petition_update: PetitionUpdateEmailProps
	petition_takedown: PetitionTakedownEmailProps
	siting_revision: SitingRevisionEmailProps
	objection: ObjectionEmailProps
	comment_confirm: CommentConfirmEmailProps
	comment_copy: CommentCopyEmailProps
	comment_to_clerk: CommentToClerkEmailProps
	comment_sign_on_letter: CommentSignOnLetterEmailProps
	comment_report: CommentReportEmailProps
	speaker: SpeakerEmailProps
	campaign_update: CampaignUpdateEmailProps
}

export type EmailTemplateName = keyof EmailTemplateProps

/**
 * Every email Groundwork sends, by name. Jobs carry a template name and its
 * props (plain JSON), and the worker renders them when it sends, so a queued
 * email survives restarts and provider outages.
 */
export const emailTemplates: { [Name in EmailTemplateName]: EmailTemplate<EmailTemplateProps[Name]> } = {
	auth: {
		subject: (props) => authEmailSubject(props.action),
		render: (props) => <AuthEmail {...props} />,
	},
	chapter_invitation: {
		subject: chapterInvitationSubject,
		render: (props) => <ChapterInvitationEmail {...props} />,
	},
	chapter_update: {
		subject: chapterUpdateSubject,
		render: (props) => <ChapterUpdateEmail {...props} />,
		headers: (props) => ({ 'List-Unsubscribe': `<${props.unsubscribeUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' }),
	},
	chapter_digest: {
		subject: chapterDigestSubject,
		render: (props) => <ChapterDigestEmail {...props} />,
		headers: (props) => ({ 'List-Unsubscribe': `<${props.unsubscribeUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' }),
	},
	join_request: {
		subject: joinRequestSubject,
		render: (props) => <JoinRequestEmail {...props} />,
	},
	join_decision: {
		subject: joinDecisionSubject,
		render: (props) => <JoinDecisionEmail {...props} />,
	},
	event: {
		subject: eventEmailSubject,
		render: (props) => <EventEmail {...props} />,
	},
	follow: {
		subject: followEmailSubject,
		render: (props) => <FollowEmail {...props} />,
		headers: (props): Record<string, string> =>
			props.kind === 'confirm' || props.kind === 'already'
				? {}
				: { 'List-Unsubscribe': `<${props.unsubscribeUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
	},
	petition_confirm: {
		subject: petitionConfirmSubject,
		render: (props) => <PetitionConfirmEmail {...props} />,
		perRecipient: ['name', 'confirmUrl'],
	},
	petition_already_signed: {
		subject: petitionAlreadySignedSubject,
		render: (props) => <PetitionAlreadySignedEmail {...props} />,
		perRecipient: ['name'],
	},
	petition_milestone: {
		subject: petitionMilestoneSubject,
		render: (props) => <PetitionMilestoneEmail {...props} />,
	},
	petition_update: {
		subject: petitionUpdateSubject,
		render: (props) => <PetitionUpdateEmail {...props} />,
		// One-click unsubscribe (RFC 8058): mail apps show an Unsubscribe button that POSTs here.
		headers: (props) => ({
			'List-Unsubscribe': `<${props.unsubscribeUrl}>`,
			'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
		}),
	},
	petition_takedown: {
		subject: petitionTakedownSubject,
		render: (props) => <PetitionTakedownEmail {...props} />,
	},
	siting_revision: {
		subject: sitingRevisionSubject,
		render: (props) => <SitingRevisionEmail {...props} />,
	},
	objection: {
		subject: objectionEmailSubject,
		render: (props) => <ObjectionEmail {...props} />,
	},
	comment_confirm: { subject: commentConfirmSubject, render: (props) => <CommentConfirmEmail {...props} /> },
	comment_copy: { subject: commentCopySubject, render: (props) => <CommentCopyEmail {...props} /> },
	comment_to_clerk: { subject: commentToClerkSubject, render: (props) => <CommentToClerkEmail {...props} /> },
	comment_sign_on_letter: { subject: commentSignOnLetterSubject, render: (props) => <CommentSignOnLetterEmail {...props} /> },
	comment_report: { subject: commentReportSubject, render: (props) => <CommentReportEmail {...props} /> },
	speaker: {
		subject: speakerEmailSubject,
		render: (props) => <SpeakerEmail {...props} />,
	},
	campaign_update: {
		subject: campaignUpdateSubject,
		render: (props) => <CampaignUpdateEmail {...props} />,
		headers: (props) => ({ 'List-Unsubscribe': `<${props.unsubscribeUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' }),
	},
}
