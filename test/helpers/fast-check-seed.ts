import fc from 'fast-check'

// Property tests explore a fixed sample: the suite is deterministic (CI reruns see the same cases).
// Set FC_SEED to explore other samples locally.
fc.configureGlobal({ seed: Number(process.env.FC_SEED ?? 20261125) })
