import postgres from 'postgres';

// Ids are generated, and a rolled-back batch uses some up: compare by natural keys.
/** What a run stored, comparable across databases. */
export async function fingerprint(url: string) {
  const sql = postgres(url, { max: 1 });
  try {
    const [row] = await sql`select
      (select count(*) from events)::int as events,
      (select md5(string_agg(source_key, ',' order by source_key)) from events) as event_keys,
      (select md5(string_agg(e.source_key || '=' || t.text, ',' order by e.source_key))
        from event_texts t join events e on e.id = t.event_id) as event_texts,
      (select md5(string_agg(source_key, ',' order by source_key)) from memberships) as membership_keys,
      (select count(*) from fans)::int as fans,
      (select count(*) from purchases)::int as purchases,
      (select count(*) from post_view_snapshots)::int as snapshots,
      (select md5(string_agg(concat_ws(':', f.telegram_user_id, c.telegram_id, d.day,
          d.engagements, d.messages, d.reactions, d.first_at, d.last_at),
          ',' order by f.telegram_user_id, c.telegram_id, d.day))
        from fan_daily d join fans f on f.id = d.fan_id
        join communities c on c.id = d.community_id) as daily`;
    return row;
  } finally {
    await sql.end();
  }
}
