package runtime

import "strconv"

// Held paths. A decoder called through a function value (by decodePtr, decodeSlice, decodeMap,
// decodeDynamic) is given a held path: the compiler must assume that such a callee keeps the
// path it gets, so a path built on the caller's stack and passed to it would be moved to the
// heap, one allocation per field. hold writes the pointer into the buffer of e's document
// instead (only the nodes below the nearest held one: the buffer is a stack, like the calls)
// and returns a frame, a node of the document that stands for the whole pointer; release
// drops what hold added. hold reads the keys of p but keeps no pointer of it, so p stays on
// the caller's stack. Quiet errors never print a path, so their frames hold nothing.

// holdMark is what release needs to undo a hold.
type holdMark struct{ frames, prefix int }

// hold returns a path that prints as p and lives in e's document.
func (e *errs) hold(p *path) (*path, holdMark) {
	if p == nil {
		return nil, holdMark{frames: -1}
	}
	d := e.valid
	if d == nil {
		if e.quiet {
			return new(path), holdMark{frames: -1}
		}
		d = e.newDoc()
	}
	n := int(d.nframes)
	m := holdMark{frames: n, prefix: len(d.prefix)}
	if !e.quiet {
		top := d.frameSlot(n - 1)
		if p.parent != nil && p.parent == top && p.frame == nil && top.index <= len(d.prefix) {
			// The usual case: a member or an item of the innermost held path.
			d.prefix = appendNodes(d.prefix[:top.index], p)
		} else {
			var f *path // the nearest held node of p
			for q := p; q != nil; q = q.parent {
				if q.frame != nil {
					f = q
					break
				}
			}
			switch {
			case f == nil && n == 0:
				d.prefix = d.prefix[:0]
			case f != nil && f == top && f.index <= len(d.prefix):
				d.prefix = d.prefix[:f.index]
			default:
				// p does not continue the innermost held path (no decoder does this): it gets
				// a document of its own.
				o := new(doc)
				if f != nil {
					o.prefix = append(o.prefix, f.frame.held(f)...)
				}
				o.prefix = appendNodes(o.prefix, p)
				return &path{index: len(o.prefix), frame: o}, holdMark{frames: -1}
			}
			d.prefix = appendNodes(d.prefix, p)
		}
	}
	d.nframes++
	f := d.frameSlot(n)
	f.index = len(d.prefix)
	return f, m
}

// holdItem makes the frame q, which held a path that printed as prefix[:end] of its document,
// print as that path's item i.
func (e *errs) holdItem(q *path, end, i int) {
	if d := q.frame; d != nil && !e.quiet && end <= len(d.prefix) {
		d.prefix = strconv.AppendInt(append(d.prefix[:end], '/'), int64(i), 10)
		q.index = len(d.prefix)
	}
}

// frameSlot returns the frame slot n of d (nil for -1). A slot stays where it is and keeps its
// pointer to d once made: a hold only writes its index (no write barrier), and a frame is
// always the same node while it is held.
func (d *doc) frameSlot(n int) *path {
	if n < len(d.frameBuf) {
		if n < 0 {
			return nil
		}
		f := &d.frameBuf[n]
		if f.frame == nil {
			f.frame = d
		}
		return f
	}
	for len(d.moreFrames) <= n-len(d.frameBuf) {
		d.moreFrames = append(d.moreFrames, &path{frame: d})
	}
	return d.moreFrames[n-len(d.frameBuf)]
}

// release undoes the hold that returned m.
func (e *errs) release(m holdMark) {
	if m.frames < 0 {
		return
	}
	d := e.valid
	d.nframes, d.prefix = int32(m.frames), d.prefix[:m.prefix]
}

// held returns the pointer that the frame f of d stands for.
func (d *doc) held(f *path) []byte {
	if f.index > len(d.prefix) {
		return nil // released: not printed by any decoder
	}
	return d.prefix[:f.index]
}

// appendNodes appends the pointer of the nodes of p below its nearest held node to b.
func appendNodes(b []byte, p *path) []byte {
	if p == nil || p.frame != nil {
		return b
	}
	if q := p.parent; q != nil && q.frame == nil {
		b = appendNodes(b, q)
	}
	if p.isIndex {
		if p.index >= 0 && p.index < 10 {
			return append(b, '/', byte('0'+p.index))
		}
		return strconv.AppendInt(append(b, '/'), int64(p.index), 10)
	}
	b = append(b, '/')
	k := p.key
	i := 0
	for i < len(k) && k[i] != '~' && k[i] != '/' {
		i++
	}
	b = append(b, k[:i]...)
	for ; i < len(k); i++ {
		switch c := k[i]; c {
		case '~':
			b = append(b, '~', '0')
		case '/':
			b = append(b, '~', '1')
		default:
			b = append(b, c)
		}
	}
	return b
}
