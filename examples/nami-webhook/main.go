// Command nami-webhook is a runnable receiver of Nami ML webhooks built on the generated
// namievents.Handler: one typed callback per event type, deduplication of retried deliveries,
// and the status policy under which Nami retries whatever was not handled.
//
//	go run ./examples/nami-webhook -addr 127.0.0.1:8080
//
// It logs one line per event (type, id, user) and shuts down gracefully on SIGINT or SIGTERM,
// letting the requests in flight finish. The http.Server timeouts bound slow clients.
//
// Flags:
//
//	-addr ADDR                 listen address (default 127.0.0.1:8080; port 0 picks a free one)
//	-keep-invalid DIR          save schema-invalid payloads in DIR and answer 200; without it
//	                           they are logged and answered 500, so Nami retries them
//	-read-header-timeout D     http.Server.ReadHeaderTimeout (default 5s)
//	-read-timeout D            http.Server.ReadTimeout, headers and body (default 15s)
//	-write-timeout D           http.Server.WriteTimeout (default 15s)
//	-idle-timeout D            http.Server.IdleTimeout between keep-alive requests (default 60s)
//	-shutdown-timeout D        how long SIGINT waits for requests in flight (default 10s)
//
// The nami-signature header is not checked: its algorithm is not documented. Once it is, set
// Handler.Verify (the doc of namievents.SignatureHeader shows an HMAC version).
package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/namigen/namigen/generated/namievents"
)

func main() {
	log.SetFlags(log.LstdFlags | log.LUTC)
	if err := run(os.Args[1:]); err != nil {
		log.Print(err)
		os.Exit(1)
	}
}

func run(args []string) error {
	fs := flag.NewFlagSet("nami-webhook", flag.ContinueOnError)
	addr := fs.String("addr", "127.0.0.1:8080", "listen `ADDR`ess")
	keepInvalid := fs.String("keep-invalid", "", "save schema-invalid payloads in `DIR` (answered 200); default: answer 500 so Nami retries")
	readHeader := fs.Duration("read-header-timeout", 5*time.Second, "http.Server ReadHeaderTimeout")
	read := fs.Duration("read-timeout", 15*time.Second, "http.Server ReadTimeout")
	write := fs.Duration("write-timeout", 15*time.Second, "http.Server WriteTimeout")
	idle := fs.Duration("idle-timeout", 60*time.Second, "http.Server IdleTimeout")
	grace := fs.Duration("shutdown-timeout", 10*time.Second, "how long shutdown waits for requests in flight")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		os.Exit(2)
	}

	h := &namievents.Handler{
		// Nami retries for up to 24 hours; remember ids a little longer.
		Dedupe: namievents.NewMemoryDeduper(100_000, 25*time.Hour),
		OnUnknown: func(ctx context.Context, ev *namievents.UnknownEvent) error {
			logEvent(ctx, ev)
			return nil
		},
		OnInvalid: func(_ context.Context, body []byte, err error) error {
			first, _, _ := strings.Cut(err.Error(), "\n")
			if *keepInvalid == "" {
				log.Printf("invalid event (answered 500, Nami will retry): %s", first)
				return err
			}
			sum := sha256.Sum256(body)
			name := filepath.Join(*keepInvalid, hex.EncodeToString(sum[:8])+".json")
			if werr := os.WriteFile(name, body, 0o600); werr != nil {
				return werr // 500: Nami retries, nothing is lost
			}
			log.Printf("invalid event saved as %s: %s", name, first)
			return nil
		},
	}
	// Every event type gets a typed callback; here they all log, through one generic function.
	h.OnDeviceImpression = logged
	h.OnDeviceSessionStart = logged
	h.OnDeviceSessionEnd = logged
	h.OnDeviceTransaction = logged
	h.OnPurchaseUpdated = logged
	h.OnUserJourneyTrialStarted = logged
	h.OnUserJourneyTrialConverted = logged
	h.OnUserJourneyTrialDidNotConvert = logged
	h.OnUserSubscriptionPurchased = logged
	h.OnUserSubscriptionRenewed = logged
	h.OnUserSubscriptionCancelled = logged
	h.OnUserSubscriptionExpired = logged
	h.OnUserSubscriptionInGracePeriod = logged
	h.OnUserSubscriptionRenewalInGracePeriod = logged
	h.OnUserSubscriptionPaused = logged
	h.OnUserSubscriptionResumed = logged
	h.OnUserSubscriptionPendingSKUChange = logged
	h.OnUserSubscriptionSKUChange = logged
	h.OnUserSubscriptionTransferredFrom = logged
	h.OnUserSubscriptionTransferredTo = logged

	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	srv := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: *readHeader,
		ReadTimeout:       *read,
		WriteTimeout:      *write,
		IdleTimeout:       *idle,
		MaxHeaderBytes:    64 << 10,
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	log.Printf("listening on http://%s", ln.Addr())
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
	}
	stop()
	log.Print("shutting down")
	sctx, cancel := context.WithTimeout(context.Background(), *grace)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	log.Print("stopped")
	return nil
}

// logged is the callback of every event type: one log line.
func logged[E namievents.Event](ctx context.Context, ev E) error {
	logEvent(ctx, ev)
	return nil
}

func logEvent(_ context.Context, ev namievents.Event) {
	env := ev.Envelope()
	log.Printf("event type=%s id=%s user=%s", ev.EventType(), env.ID, env.UserID)
}
