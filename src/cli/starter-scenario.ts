/** What `deck-emulator init` writes: a scenario that runs as is and explains every knob. */
export const STARTER_SCENARIO = `# deck-emulator scenario: the world your app talks to when it calls the Deck API.
# Start the emulator with it, and edit it while the emulator runs (--watch reloads it):
#   npx deck-emulator --scenario {{file}} --watch
# Format reference: README.md, "Scenarios and magic credentials".

name: my-app-local
description: A bank that asks for an SMS code, and one that rejects bad passwords.

# seed fixes generated ids and fake data, so two runs give the same ids.
seed: 1
# clock: system (real time) or manual (time moves only on POST /_emulator/clock/advance).
clock: system
# api: both (default: every route of both Deck API generations), connections (connections only)
# or credentials (credentials, sessions and runs on credentials only, like Deck's API today).
api: both

sources:
  # Sources have fixed ids, so your tests and fixtures can hard-code them.
  - id: src_acme_bank
    name: Acme Bank
    url: https://bank.example.com
    login_delay: 1s           # time the "source" takes to answer each login step
    interaction_timeout: 5m   # an unanswered MFA prompt disconnects after this
    idle_timeout: 10m         # a connected session with no task run disconnects after this
    accounts:
      # alice logs in with an SMS code: answer it with {"inputs":{"code":"123456"}}
      # (or in the dashboard, on the connection's page).
      - username: alice@example.com
        password: correct-horse
        login:
          - mfa:
              message: Enter the 6-digit code sent to ***-1234
              code: "123456"
              max_attempts: 3   # wrong codes re-prompt; the last wrong one ends invalid
          - connected
      # bob picks one of his accounts after logging in.
      - username: bob@example.com
        password: hunter2
        login:
          - account_selection:
              accounts:
                - { id: acc_checking, name: Checking ••1234 }
                - { id: acc_savings, name: Savings ••9876 }
          - connected
    # Any other username/password: the built-in magic credentials
    # (user_good, user_mfa, user_question, user_accounts, user_invalid, …).
    otherwise: magic

  - id: src_strict_bank
    name: Strict Bank
    accounts:
      - username: carol@example.com
        password: s3cret
        login: [connected]
        session:
          drop_after: 30m       # the session drops: connected → disconnected
    otherwise: [invalid]        # every other login is rejected
`

export function starterScenario(file: string): string {
  return STARTER_SCENARIO.replace('{{file}}', file)
}
