import type { LabMode } from '../../src/portals/definition';

/**
 * In-meeting media: the camera stream goes through a real RTCPeerConnection (loopback, as a media server
 * would relay it) and the page reports the bytes the receiving side gets. Broken mode negotiates video
 * with H.264 only, as Webex requires; fixed mode falls back to VP8 when H.264 is not offered.
 */
export function mediaScript(mode: LabMode): string {
  const chooseCodecs = mode === 'fixed'
    ? `const h264 = codecs.filter((c) => /h264/i.test(c.mimeType));
  const vp8 = codecs.filter((c) => /vp8/i.test(c.mimeType));
  return h264.length ? [...h264, ...vp8] : vp8;`
    : `const h264 = codecs.filter((c) => /h264/i.test(c.mimeType));
  if (!h264.length) throw new Error("We can't connect your video: this meeting requires the H.264 video codec, which this browser does not provide. Media connection failed.");
  return h264;`;
  return `function chooseCodecs(codecs) {
  ${chooseCodecs}
}
const status = document.getElementById('media-status');
const problem = document.getElementById('media-problem');
async function connectMedia() {
  const stream = await navigator.mediaDevices.getUserMedia({ video: true, audio: true });
  const preferred = chooseCodecs(RTCRtpReceiver.getCapabilities('video').codecs);
  const uplink = new RTCPeerConnection(), downlink = new RTCPeerConnection();
  uplink.onicecandidate = (e) => e.candidate && downlink.addIceCandidate(e.candidate);
  downlink.onicecandidate = (e) => e.candidate && uplink.addIceCandidate(e.candidate);
  downlink.ontrack = (e) => { document.getElementById('remote-video').srcObject = e.streams[0]; };
  for (const track of stream.getTracks()) {
    const transceiver = uplink.addTransceiver(track, { direction: 'sendonly', streams: [stream] });
    if (track.kind === 'video') transceiver.setCodecPreferences(preferred);
  }
  await uplink.setLocalDescription(await uplink.createOffer());
  await downlink.setRemoteDescription(uplink.localDescription);
  await downlink.setLocalDescription(await downlink.createAnswer());
  await uplink.setRemoteDescription(downlink.localDescription);
  window.meetingMedia = { uplink, downlink };
  setInterval(async () => {
    let bytes = 0, codec = '';
    const stats = await downlink.getStats();
    stats.forEach((s) => { if (s.type === 'inbound-rtp' && s.kind === 'video') { bytes += s.bytesReceived || 0; codec = stats.get(s.codecId)?.mimeType || codec; } });
    status.textContent = bytes > 0 ? 'Receiving video (' + codec.replace('video/', '') + '): ' + bytes + ' bytes received' : 'Connecting media…';
    status.dataset.bytes = String(bytes);
  }, 500);
}
connectMedia().catch((error) => {
  reportError(error);
  status.textContent = 'Media connection failed';
  problem.innerHTML = '<div role="alert" class="error"></div>';
  problem.firstChild.textContent = error.message;
});`;
}
