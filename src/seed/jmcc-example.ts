/**
 * The canonical example: the second round of the Pakistan-Russia Joint Military Consultative
 * Committee (Moscow, 20 August 2019) and the commitments its press report makes.
 */
export const jmcc = {
  sourceFile: 'jmcc-2019-08-20.txt',
  parties: [
    { key: 'pakistan', name: 'Pakistan', kind: 'COUNTRY' },
    { key: 'russia', name: 'Russia', kind: 'COUNTRY' },
  ],
  people: [
    { key: 'ikram', name: 'Ikram-ul-Haq', title: 'Defence Secretary', email: 'ikram-ul-haq@mod.example.pk', party: 'pakistan', timeZone: 'Asia/Karachi' },
    { key: 'fomin', name: 'Alexander V. Fomin', title: 'Deputy Defence Minister', email: 'a.fomin@mil.example.ru', party: 'russia', timeZone: 'Europe/Moscow' },
    { key: 'imran', name: 'Imran Khan', title: 'Prime Minister', email: 'pm-office@pmo.example.pk', party: 'pakistan', timeZone: 'Asia/Karachi' },
  ],
  series: {
    name: 'Pakistan-Russia Joint Military Consultative Committee',
    shortName: 'JMCC',
    description: 'Annual defence consultations between Pakistan and Russia',
  },
  heldRound: {
    round: 2,
    title: 'Second round of the Pakistan-Russia JMCC',
    startsAt: '2019-08-20T09:00:00+03:00',
    endsAt: '2019-08-20T18:00:00+03:00',
    location: 'Moscow, Russia',
    timeZone: 'Europe/Moscow',
    participants: [
      { person: 'ikram', party: 'pakistan', role: 'Head of delegation' },
      { person: 'fomin', party: 'russia', role: 'Head of delegation' },
    ],
  },
  nextRound: { round: 3, title: 'Third round of the Pakistan-Russia JMCC', location: 'Pakistan', timeZone: 'Asia/Karachi' },
  commitments: [
    {
      key: 'third-round',
      title: 'Hold the third round of the JMCC in Pakistan',
      kind: 'MEETING',
      quote: 'A third round of the consultative committee will be held next year in Pakistan.',
      owner: 'pakistan',
      counterparty: 'russia',
      responsible: ['ikram'],
      watchers: ['fomin'],
      deadline: { precision: 'YEAR', value: '2020', timeZone: 'Asia/Karachi', phrase: 'next year' },
    },
    {
      key: 'follow-up',
      title: 'Ensure effective follow-up and implementation of the decisions',
      kind: 'ACTION',
      quote: 'They agreed to ensure effective follow-up and implementation of the decisions taken during the meeting.',
      owner: 'pakistan',
      counterparty: 'russia',
      responsible: ['ikram'],
      watchers: ['fomin'],
      deadline: { precision: 'MEETING', nextRound: true, phrase: 'at the next round' },
    },
    {
      key: 'eastern-economic-forum',
      title: 'Attend the Eastern Economic Forum in Vladivostok',
      kind: 'VISIT',
      quote:
        'The prime minister is learnt to have accepted Putin’s invitation to attend the Eastern Economic Forum scheduled to be held from Sept 05 to 06 in Vladivostok',
      owner: 'pakistan',
      counterparty: 'russia',
      responsible: ['imran'],
      watchers: [],
      deadline: { precision: 'DAY', value: '2019-09-05/2019-09-06', timeZone: 'Asia/Vladivostok', phrase: 'from Sept 05 to 06' },
    },
  ],
} as const;
