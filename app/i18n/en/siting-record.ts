// Siting: the rest of the record's forms (issue 10): a new deciding body from
// the proceeding form, a proceeding's decision, the rarer participation
// rules, timeline entries, and the files a records request brought back.
export const sitingRecord = {
	// A new body, from the proceeding form
	'proceedingEdit.field.bodyId.new': 'A body not on this list (describe it below)',
	'proceedingEdit.error.body': 'Choose a body from the list, “Not known yet”, or a new one.',
	'bodyEdit.heading': 'A deciding body not on the list',
	'bodyEdit.lead': 'Fill this in only if you chose “A body not on this list” above. It is added for every project to use.',
	'bodyEdit.field.name': 'Name of the body',
	'bodyEdit.field.name.hint': 'As it calls itself, e.g. “Loudoun County Board of Supervisors”.',
	'bodyEdit.field.kind': 'What kind of body it is',
	'bodyEdit.field.place': 'The place it decides for',
	'bodyEdit.field.place.hint': 'A county, city or state, e.g. “Loudoun County, VA”, “Tucson, AZ” or “Michigan”.',
	'bodyEdit.field.placeId': 'Which place do you mean?',
	'bodyEdit.field.timeZone': 'Time zone it meets in',
	'bodyEdit.field.website': 'Website (optional)',
	'bodyEdit.field.email': 'Email of the clerk or the body (optional)',
	'bodyEdit.field.phone': 'Phone (optional)',
	'bodyEdit.field.differentBody': 'This is a different body from the one named above',
	'bodyEdit.error.name': 'Give the body’s name, 2 to 200 characters.',
	'bodyEdit.error.kind': 'Choose what kind of body it is.',
	'bodyEdit.error.place': 'Say which county, city or state the body decides for.',
	'bodyEdit.error.placeNotFound': 'We could not find “{place}”. Try the county (“Loudoun County, VA”) or the state.',
	'bodyEdit.error.timeZone': 'Choose the time zone the body meets in.',
	'bodyEdit.error.duplicate':
		'{name} is already on the list. Choose it above, or tick “This is a different body” if this one only shares the name.',
	'bodyEdit.duplicate.link': 'See {name}',

	// A proceeding's decision
	'proceedingEdit.decision.heading': 'The decision',
	'proceedingEdit.decision.lead':
		'Record the decision once it is made, with the minutes, order or notice that states it. Followers are emailed when a decision is first recorded.',
	'proceedingEdit.decision.outcome': 'What was decided',
	'proceedingEdit.decision.outcome.hint': 'In plain words, e.g. “Rezoning approved 5–3 with conditions”.',
	'proceedingEdit.decision.decidedOn': 'Date of the decision',
	'proceedingEdit.decision.source': 'Source of the decision',
	'proceedingEdit.decision.save': 'Save the decision',
	'proceedingEdit.decision.saved': 'The decision is saved. Followers are told, and the appeal deadline is worked out from it.',
	'proceedingEdit.decision.cleared': 'The decision is taken off the record.',
	'proceedingEdit.decision.recorded': 'Decided on {date}: {outcome}',
	'proceedingEdit.error.decidedOn': 'Give the date the decision was made.',
	'proceedingEdit.error.outcome': 'Say what was decided, 2 to 300 characters.',
	'proceedingEdit.error.decisionSource': 'Give the link to the minutes, order or notice that records the decision.',
	'proceedingEdit.error.decisionFuture': 'A decision is recorded once it is made: this date is after today.',
	'proceedingEdit.error.decisionBeforeHearing':
		'The hearing is on {date}, after this date. A decision comes after its hearing: correct the date, or the hearing’s.',

	// The rarer rules
	'proceedingEdit.rules.representativeMinutes': 'Minutes someone speaking for a group gets',
	'proceedingEdit.rules.representativeAuthorization': 'What speaking for a group needs',
	'proceedingEdit.rules.representativeAuthorization.hint': 'e.g. “A letter from the group’s officers, handed to the clerk”.',
	'proceedingEdit.rules.signupMethods': 'Ways to sign up to speak',
	'proceedingEdit.rules.method.online': 'Online',
	'proceedingEdit.rules.method.phone': 'By phone',
	'proceedingEdit.rules.method.in_person': 'In person',
	'proceedingEdit.rules.method.email': 'By email',
	'proceedingEdit.rules.commentsCloseHoursBefore': 'Written comments close this many hours before the hearing',
	'proceedingEdit.rules.commentsCloseHoursBefore.hint': 'A negative number if they are taken after the hearing starts, e.g. −48.',
	'proceedingEdit.rules.recordOpenDaysAfter': 'Days the record stays open after the hearing',
	'proceedingEdit.rules.minimumMinutesPerSide': 'Minimum minutes in total for each side',
	'proceedingEdit.rules.minimumMinutesPerSide.hint': 'Georgia’s zoning law gives each side at least 10.',
	'proceedingEdit.computed.comments':
		'Written comments close {hours, plural, one {# hour} other {# hours}} before the hearing, under the body’s rules.',
	'proceedingEdit.computed.commentsAfter':
		'Written comments are taken until {hours, plural, one {# hour} other {# hours}} after the hearing starts, under the body’s rules.',
	'project.rules.commentsClose':
		'Written comments close {hours, plural, =0 {when the hearing starts} one {# hour before the hearing} other {# hours before the hearing}}.',
	'project.rules.commentsAfter': 'Written comments are taken until {hours, plural, one {# hour} other {# hours}} after the hearing starts.',

	// Timeline entries
	'timeline.title': 'Timeline: {name} — Groundwork',
	'timeline.heading': 'Timeline of {name}',
	'timeline.lead':
		'What happened, each on its day, with the page that says so. Organizers of a chapter working on this project and moderators change the timeline at once; anyone else’s entry waits for one of them to review it.',
	'timeline.link': 'Add to the timeline or correct it',
	'timeline.back': 'Back to the project',
	'timeline.add.heading': 'Add an entry',
	'timeline.edit.heading': 'Correct this entry',
	'timeline.field.occurredOn': 'Date',
	'timeline.field.occurredOn.hint': 'Year, month and day, e.g. 2025-06-17.',
	'timeline.field.title': 'What happened',
	'timeline.field.sourceUrl': 'Source',
	'timeline.field.sourceUrl.hint': 'The page, minutes or article that says it happened on that day.',
	'timeline.field.note': 'Note for the reviewer (optional)',
	'timeline.add.submit': 'Add the entry',
	'timeline.edit.submit': 'Save the correction',
	'timeline.propose.submit': 'Propose the entry',
	'timeline.proposeEdit.submit': 'Propose the correction',
	'timeline.none': 'Nothing is on the timeline yet.',
	'timeline.entry.source': 'Source',
	'timeline.entry.noSource': 'No source recorded',
	'timeline.notice.applied': 'The timeline is changed, and the change is in the project’s history.',
	'timeline.notice.proposed': 'Thank you. Your entry waits for review; you will get an email when it is reviewed.',
	'timeline.error.title': 'Say what happened, 2 to 300 characters.',
	'timeline.error.source': 'Give the link to a page that says it happened: a full web address starting with https://',
	'timeline.error.future': 'The timeline records what has happened: this date is after today.',
	'timeline.error.unchanged': 'Nothing changed: the entry already says this.',
	'timeline.error.gone': 'That entry is no longer on this project’s timeline.',
	'timeline.error.stale':
		'The timeline entry changed since this was proposed. Reject it with a note, and propose again if it is still needed.',
	'projectEdit.field.timeline': 'Timeline entry',
	'timeline.change': '{date}: {title}',
} as const
