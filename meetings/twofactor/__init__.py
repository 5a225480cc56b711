"""
Two-factor sign-in for staff: after the admin's password step, a code from an authenticator
app (TOTP) or one of ten single-use recovery codes (django-otp's devices).

- ``qr``: the set-up's QR code as SVG markup styled by classes (pure, no inline style);
- ``codes``: what an editor types, normalised (pure);
- ``devices``: the one layer that writes devices (set up, confirm, reset);
- ``throttle``: django-axes counts failed codes as failed sign-ins;
- ``gate``: the middleware that keeps a password-only staff session out of every admin page
  and the draft preview;
- ``views``, ``forms``, ``urls``: the second step and the set-up.
"""
