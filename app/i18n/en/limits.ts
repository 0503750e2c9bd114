// What a form says when its rate limit refuses an attempt (app/http/rate-limits.server.ts, docs/decisions/038).
const wait = '{minutes, plural, one {# minute} other {# minutes}}'

export const limits = {
	'limits.signUp.ip': `Too many accounts were created from your connection. Wait ${wait} and try again.`,
	'limits.signUp.email': `We have sent several emails to this address in the last hour. Wait ${wait}, then try again, or check the inbox for the one we sent.`,
	'limits.reset.ip': `Too many password resets were asked for from your connection. Wait ${wait} and try again.`,
	'limits.reset.email': `We have sent several reset emails to this address in the last hour. Wait ${wait}, then try again, or use the newest one in the inbox.`,
	'limits.rsvp.ip': `Too many RSVPs were sent from your connection. Wait ${wait} and try again, or sign in to RSVP with your account.`,
	'limits.rsvp.email': `We have sent several emails about this event to this address in the last hour. Wait ${wait}, then try again, or use the link in the newest one.`,
	'limits.report.ip': `Too many reports were sent from your connection. Wait ${wait} and try again.`,
	'limits.follow.ip': `Too many follow requests were sent from your connection. Wait ${wait} and try again, or sign in to follow with your account.`,
	'limits.follow.email': `We have sent several emails about following to this address in the last hour. Wait ${wait}, then use the link in the newest one.`,
} as const
