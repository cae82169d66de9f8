/**
 * One full connection lifecycle as an integrator's test does it: create
 * (MFA user) → poll until interaction_required → answer → poll until
 * connected. Returns the requests it took and the connection's id.
 */
export async function lifecycle(fetcher, base, key, sourceId) {
  const headers = { authorization: `Bearer ${key}`, 'content-type': 'application/json' }
  const send = async (path, method = 'GET', body) => {
    const res = await fetcher(base + path, { method, headers, ...(body ? { body: JSON.stringify(body) } : {}) })
    return res.json()
  }
  let requests = 1
  let c = await send('/v2/connections', 'POST', {
    source_id: sourceId,
    auth_method: 'username_password',
    auth_credentials: { username: 'user_mfa', password: 'pw' },
  })
  while (c.status !== 'interaction_required') {
    if (requests > 50) throw new Error(`stuck in ${c.status}: ${JSON.stringify(c)}`)
    c = await send(`/v2/connections/${c.id}`)
    requests++
  }
  await send(`/v2/connections/${c.id}/interaction`, 'POST', { inputs: { code: '123456' } })
  requests++
  while (c.status !== 'connected') {
    if (requests > 100) throw new Error(`stuck in ${c.status}`)
    c = await send(`/v2/connections/${c.id}`)
    requests++
  }
  return { requests, id: c.id }
}

/** The same number of requests against a trivial handler: the floor of the transport. */
export async function floorRequests(fetcher, base, n) {
  for (let i = 0; i < n; i++) {
    const res = await fetcher(`${base}/v2/connections/conn_floor`, { headers: { authorization: 'Bearer sk_test_floor' } })
    await res.json()
  }
}

export async function createSource(fetcher, base, key) {
  const res = await fetcher(`${base}/v2/sources`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify({ type: 'website', website: { url: 'https://bank.example.com' } }),
  })
  return (await res.json()).id
}
