-- Delivery beyond "accepted by the provider" (issue 11, docs/decisions/070): Resend's
-- webhooks (Svix-signed) tell the app when the clerk's copy of a filing was delivered,
-- delayed, bounced or marked as spam. The status is the provider's word, so only the
-- service role (the webhook, the job) writes it; the chapter reads it.

alter type public.objection_delivery_status add value if not exists 'delivery_delayed' after 'sent';
alter type public.objection_delivery_status add value if not exists 'bounced' after 'delivered';
alter type public.objection_delivery_status add value if not exists 'complained' after 'bounced';

alter table public.objection_filings
	-- When the provider last reported on the message, and what it said (a bounce's reason).
	add column delivery_updated_at timestamptz,
	add column delivery_detail text check (char_length(delivery_detail) <= 1000);

-- Organizers could set the delivery status themselves: a forged "delivered" in the record.
revoke update (delivery_status, delivered_at) on public.objection_filings from authenticated;

-- A filing made by hand, by mail or through a portal is recorded, not delivered by us.
create function private.objection_filing_recorded() returns trigger
language plpgsql set search_path = ''
as $$
begin
	if new.method <> 'email' and new.delivery_status = 'pending' then
		new.delivery_status := 'recorded';
	end if;
	return new;
end;
$$;
revoke all on function private.objection_filing_recorded() from public;

create trigger objection_filing_recorded before insert on public.objection_filings
	for each row execute function private.objection_filing_recorded();
