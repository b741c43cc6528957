'use strict';
// The Ringedge softphone: one device that logs in with a device token, registers over SIP over
// WebSocket (RFC 7118) with the token as a bearer credential (RFC 8898 §2.3), rings, answers, hangs
// up, mutes, sends DTMF as RFC 4733 telephone-events on the RTP path, holds and resumes (re-INVITE
// with a=sendonly, RFC 3264 §8.4, relayed by the edge to the PBX) and restarts ICE (RFC 8445 §9,
// answered by the edge's media worker).
// window.phone is its whole state and API, for the page's buttons and for tests alike.
(() => {
  const $ = (id) => document.getElementById(id);

  /** The JWT's claims (RFC 7519); the edge checks the signature, the page only needs the user. */
  function claimsOf(token) {
    const part = token.split('.')[1];
    if (!part) {
      throw new Error('not a JWT: expected header.claims.signature');
    }
    const json = atob(part.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(part.length / 4) * 4, '='));
    return JSON.parse(json);
  }

  /**
   * The SDP with only the named codecs (and telephone-event, RFC 4733) in its audio section: the
   * others leave the m= line with their rtpmap, fmtp and rtcp-fb lines (RFC 4566 §5.14, §6).
   */
  function onlyCodecs(sdp, names) {
    const wanted = new Set([...names, 'telephone-event']);
    const lines = sdp.split(/\r\n/);
    // a static payload type may come without rtpmap (RFC 3551 §6)
    const codecOf = new Map([['0', 'pcmu'], ['8', 'pcma'], ['9', 'g722']]);
    const dropped = new Set();
    let audio = false;
    let formats = [];
    for (const line of lines) {
      audio = line.startsWith('m=') ? line.startsWith('m=audio') : audio;
      if (line.startsWith('m=audio')) {
        formats = formats.concat(line.split(' ').slice(3));
      }
      const rtpmap = audio && /^a=rtpmap:(\d+) ([^/]+)\//.exec(line);
      if (rtpmap) {
        codecOf.set(rtpmap[1], rtpmap[2].toLowerCase());
      }
    }
    formats.filter((f) => !wanted.has(codecOf.get(f))).forEach((f) => dropped.add(f));
    audio = false;
    return lines.filter((line) => {
      audio = line.startsWith('m=') ? line.startsWith('m=audio') : audio;
      const pt = audio && /^a=(?:rtpmap|fmtp|rtcp-fb):(\d+) /.exec(line);
      return !(pt && dropped.has(pt[1]));
    }).map((line) => {
      if (!line.startsWith('m=audio')) {
        return line;
      }
      const [media, port, proto, ...offered] = line.split(' ');
      return [media, port, proto, ...offered.filter((f) => !dropped.has(f))].join(' ');
    }).join('\r\n');
  }

  /** The display of a SIP identity: "Name <number>" or the number alone. */
  function describe(identity) {
    const number = identity.uri.user || identity.uri.toAor();
    return identity.display_name ? `${identity.display_name} <${number}>` : number;
  }

  // North American ring (440 + 480 Hz, 2 s on, 4 s off) through Web Audio, so no sound file ships.
  const ringer = {
    context: null,
    timer: null,
    start() {
      if (this.timer) {
        return;
      }
      this.context = this.context || new AudioContext();
      const burst = () => {
        const gain = this.context.createGain();
        gain.gain.value = 0.1;
        gain.connect(this.context.destination);
        for (const hz of [440, 480]) {
          const osc = this.context.createOscillator();
          osc.frequency.value = hz;
          osc.connect(gain);
          osc.start();
          osc.stop(this.context.currentTime + 2);
        }
      };
      burst();
      this.timer = setInterval(burst, 6000);
    },
    stop() {
      clearInterval(this.timer);
      this.timer = null;
    },
  };

  const phone = {
    /** logged-out | connecting | registered | unregistered | failed */
    status: 'logged-out',
    /** why the last login or registration failed */
    error: null,
    /** the current call: {state: ringing|connecting|active|ended, caller, muted, originator, cause} */
    call: null,
    /** every call that ended, oldest first */
    history: [],
    /** the audio codecs to answer with, by name; null for the browser's own choice */
    codecs: null,
    /** the codecs the current call is being answered with */
    answerCodecs: null,
    ua: null,
    session: null,
    lastSession: null,

    /**
     * Logs in with a device token: fetches the edge's WebSocket URL and registers.
     * @param {string} token the JWT from POST /api/v1/tokens
     */
    async login(token) {
      this.logout();
      token = token.trim();
      let user;
      try {
        user = claimsOf(token).sub;
      } catch (e) {
        return this.fail(`bad token: ${e.message}`);
      }
      if (typeof user !== 'string' || !user) {
        return this.fail('bad token: no user (sub claim)');
      }
      let wsUrl;
      try {
        const response = await fetch('/phone/config', { cache: 'no-store' });
        if (!response.ok) {
          return this.fail(`GET /phone/config: ${response.status}`);
        }
        ({ wsUrl } = await response.json());
      } catch (e) {
        return this.fail(`GET /phone/config: ${e.message}`);
      }
      // The registrar checks only the user part of the AOR against the token; the edge's host is
      // as good a domain as any.
      const domain = new URL(wsUrl).hostname;
      JsSIP.debug.disable();
      const ua = new JsSIP.UA({
        sockets: [new JsSIP.WebSocketInterface(wsUrl)],
        uri: `sip:${user}@${domain}`,
        authorization_jwt: `Bearer ${token}`,
        register: true,
        // RFC 4028 session timers off: a dead call is found by ICE consent (RFC 7675) and the
        // worker's media timeout, with no periodic re-INVITE to carry through both legs.
        session_timers: false,
        user_agent: 'Ringedge softphone (JsSIP)',
      });
      this.ua = ua;
      this.set('connecting');
      ua.on('registered', () => this.set('registered'));
      ua.on('unregistered', () => this.set('unregistered'));
      ua.on('registrationFailed', (e) => this.fail(`registration failed: ${e.cause}`
          + (e.response ? ` (${e.response.status_code} ${e.response.reason_phrase})` : '')));
      ua.on('disconnected', () => {
        if (this.status === 'registered') {
          this.set('connecting');
        }
      });
      ua.on('newRTCSession', (e) => this.incoming(e.session, e.originator));
      ua.start();
      return this.status;
    },

    logout() {
      if (this.ua) {
        this.ua.stop();
        this.ua = null;
      }
      this.set('logged-out');
    },

    incoming(session, originator) {
      if (originator !== 'remote') {
        return;
      }
      if (this.session) {
        session.terminate({ status_code: 486, reason_phrase: 'Busy Here' });
        return;
      }
      this.session = session;
      this.lastSession = session;
      this.call = { state: 'ringing', caller: describe(session.remote_identity), muted: false, held: false,
        iceRestarts: 0, originator: null, cause: null };
      ringer.start();
      session.on('sdp', (e) => {
        // Chromium sends with the offer's first codec it knows even when codec preferences keep
        // it out of the answer, so the codecs not wanted are taken out of the offer it sees.
        if (e.originator === 'remote' && e.type === 'offer' && this.answerCodecs) {
          e.sdp = onlyCodecs(e.sdp, this.answerCodecs);
        }
      });
      session.on('accepted', () => this.update({ state: 'connecting' }));
      session.on('confirmed', () => this.update({ state: 'active' }));
      session.on('peerconnection', (e) => {
        e.peerconnection.addEventListener('track', (t) => {
          $('remote').srcObject = t.streams[0] || new MediaStream([t.track]);
        });
      });
      session.on('ended', (e) => this.ended(e.originator, e.cause));
      session.on('failed', (e) => this.ended(e.originator, e.cause));
      this.render();
    },

    /**
     * Answers the ringing call with the microphone.
     * @param {{codecs?: string[]}} options codecs: the only audio codecs to answer with, by name
     *        (e.g. ['opus'] forces Opus on the browser leg; telephone-event always stays); by
     *        default phone.codecs, which ?codecs=opus,pcmu in the page's URL sets
     */
    answer(options = {}) {
      if (!this.session || this.call.state !== 'ringing') {
        throw new Error('no call is ringing');
      }
      const codecs = options.codecs || this.codecs;
      this.answerCodecs = codecs ? codecs.map((c) => c.toLowerCase()) : null;
      ringer.stop();
      this.update({ state: 'connecting' });
      this.session.answer({ mediaConstraints: { audio: true, video: false } });
    },

    decline() {
      this.hangup(603);
    },

    /** Ends the call: BYE when answered, else the given final response (486 Busy by default). */
    hangup(status = 486) {
      if (!this.session) {
        return;
      }
      const ringing = this.call.state === 'ringing';
      this.session.terminate(ringing ? { status_code: status } : {});
    },

    mute(on = true) {
      if (!this.session || !this.session.isEstablished()) {
        throw new Error('no call in progress');
      }
      if (on) {
        this.session.mute({ audio: true });
      } else {
        this.session.unmute({ audio: true });
      }
      this.update({ muted: on });
    },

    /**
     * Puts the call on hold (a re-INVITE with a=sendonly, RFC 3264 §8.4) or resumes it (sendrecv);
     * phone.call.held changes once the other side accepted.
     */
    hold(on = true) {
      if (!this.session || !this.session.isEstablished()) {
        throw new Error('no call in progress');
      }
      const done = () => this.update({ held: on });
      if (!(on ? this.session.hold({}, done) : this.session.unhold({}, done))) {
        throw new Error(on ? 'the call cannot be held now' : 'the call is not on hold');
      }
    },

    /**
     * Restarts ICE (RFC 8445 §9), as after a network change: a re-INVITE with new ICE credentials,
     * answered by the edge's media worker; DTLS and SRTP carry on. phone.call.iceRestarts counts
     * the ones completed.
     */
    restartIce() {
      if (!this.session || !this.session.isEstablished()) {
        throw new Error('no call in progress');
      }
      const done = () => this.update({ iceRestarts: this.call.iceRestarts + 1 });
      if (!this.session.renegotiate({ rtcOfferConstraints: { iceRestart: true } }, done)) {
        throw new Error('a renegotiation is already under way');
      }
    },

    /** RFC 4733 events in the RTP stream (RTCDTMFSender), 100 ms each with 70 ms gaps. */
    sendDtmf(tones) {
      if (!this.session || !this.session.isEstablished()) {
        throw new Error('no call in progress');
      }
      this.session.sendDTMF(tones, { transportType: 'RFC2833', duration: 100, interToneGap: 70 });
    },

    /** The RTCPeerConnection of the current call, else of the last one (its final stats), or null. */
    peerConnection() {
      const session = this.session || this.lastSession;
      return session ? session.connection || null : null;
    },

    /**
     * The call's audio as WebRTC stats report it (W3C webrtc-stats): inbound and outbound RTP with
     * their codec, and the selected candidate pair; the last call's once it ended. Null before any.
     */
    async getStats() {
      const pc = this.peerConnection();
      if (!pc) {
        return null;
      }
      const report = await pc.getStats();
      const codecs = new Map();
      report.forEach((s) => {
        if (s.type === 'codec') {
          codecs.set(s.id, s.mimeType);
        }
      });
      const stats = { inbound: null, outbound: null, candidatePair: null };
      report.forEach((s) => {
        if (s.type === 'inbound-rtp' && s.kind === 'audio') {
          stats.inbound = { codec: codecs.get(s.codecId) || null, packetsReceived: s.packetsReceived,
            packetsLost: s.packetsLost, bytesReceived: s.bytesReceived, audioLevel: s.audioLevel || 0,
            totalAudioEnergy: s.totalAudioEnergy || 0, totalSamplesReceived: s.totalSamplesReceived || 0,
            concealedSamples: s.concealedSamples || 0, jitter: s.jitter };
        } else if (s.type === 'outbound-rtp' && s.kind === 'audio') {
          stats.outbound = { codec: codecs.get(s.codecId) || null, packetsSent: s.packetsSent,
            bytesSent: s.bytesSent };
        } else if (s.type === 'candidate-pair' && s.nominated && s.state === 'succeeded') {
          stats.candidatePair = { state: s.state, currentRoundTripTime: s.currentRoundTripTime };
        }
      });
      return stats;
    },

    ended(originator, cause) {
      ringer.stop();
      if (!this.call) {
        return;
      }
      this.update({ state: 'ended', originator, cause });
      this.history.push(this.call);
      this.session = null;
      this.answerCodecs = null;
      $('remote').srcObject = null;
      this.render();
    },

    set(status) {
      this.status = status;
      if (status === 'registered') {
        this.error = null;
      }
      this.render();
    },

    fail(message) {
      this.error = message;
      this.set('failed');
      return this.status;
    },

    update(fields) {
      this.call = { ...this.call, ...fields };
      this.render();
    },

    render() {
      const call = this.call && this.call.state !== 'ended' ? this.call : null;
      $('status').textContent = this.error ? `${this.status}: ${this.error}` : this.status;
      $('login').hidden = this.status === 'registered';
      $('incoming').hidden = !call || call.state !== 'ringing';
      $('in-call').hidden = !call || call.state === 'ringing';
      if (call) {
        $('caller').textContent = call.caller;
        $('peer').textContent = call.caller;
        $('mute').setAttribute('aria-pressed', String(call.muted));
        $('mute').textContent = call.muted ? 'Unmute' : 'Mute';
        $('hold').setAttribute('aria-pressed', String(call.held));
        $('hold').textContent = call.held ? 'Resume' : 'Hold';
      }
    },
  };

  $('login').addEventListener('submit', (e) => {
    e.preventDefault();
    phone.login($('token').value);
  });
  $('answer').addEventListener('click', () => phone.answer());
  $('decline').addEventListener('click', () => phone.decline());
  $('hangup').addEventListener('click', () => phone.hangup());
  $('mute').addEventListener('click', () => phone.mute(!phone.call.muted));
  $('hold').addEventListener('click', () => phone.hold(!phone.call.held));
  $('keypad').addEventListener('click', (e) => {
    if (e.target.tagName === 'BUTTON') {
      phone.sendDtmf(e.target.textContent);
    }
  });

  window.phone = phone;
  const codecs = new URLSearchParams(location.search).get('codecs');
  if (codecs) {
    phone.codecs = codecs.split(',').map((c) => c.trim()).filter((c) => c);
  }
  // A token in the fragment (#token=...) stays out of server logs; ?token= works too.
  const given = new URLSearchParams(location.hash.slice(1)).get('token')
      || new URLSearchParams(location.search).get('token');
  if (given) {
    $('token').value = given;
    phone.login(given);
  } else {
    phone.render();
  }
})();
