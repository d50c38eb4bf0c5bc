package lazycms

import (
	"context"

	gogogrpc "github.com/cosmos/gogoproto/grpc"
	"google.golang.org/grpc"

	"cosmossdk.io/store/rootmulti"

	sdk "github.com/cosmos/cosmos-sdk/types"
)

// PastHeightTime returns a query service registrar that registers on srv (the app's gRPC
// query router) every service it is given, with each method's handler wrapped so that a query
// at a past height sees that height's block time.
//
// BaseApp gives a query at a past height the block time stamped on that height's commit info,
// but only when its commit multi-store is a bare *rootmulti.Store; with the lazy wrapper it
// keeps the latest block's time. The wrapper puts that step back, reading the same commit info
// from root. Because it wraps the method handlers themselves, every way into a query goes
// through it: ABCI queries (the CLI's --height) call the router's routes, the gRPC server
// registers the router's service descriptors (BaseApp.RegisterGRPCServer), and the REST
// gateway calls the gRPC server (or ABCI when gRPC is off).
//
// The handler is wrapped as an interceptor placed after any interceptor the caller passes
// (the gRPC server's, which is where the sdk.Context is created), so the context it adjusts
// is the one the query runs with.
func PastHeightTime(srv gogogrpc.Server, root *rootmulti.Store) gogogrpc.Server {
	return pastHeightTime{srv: srv, root: root}
}

type pastHeightTime struct {
	srv  gogogrpc.Server
	root *rootmulti.Store
}

func (p pastHeightTime) RegisterService(sd *grpc.ServiceDesc, impl any) {
	wrapped := *sd
	wrapped.Methods = make([]grpc.MethodDesc, len(sd.Methods))
	for i, m := range sd.Methods {
		handler := m.Handler
		wrapped.Methods[i] = grpc.MethodDesc{
			MethodName: m.MethodName,
			Handler: func(srv any, ctx context.Context, dec func(any) error, outer grpc.UnaryServerInterceptor) (any, error) {
				return handler(srv, ctx, dec, p.after(outer))
			},
		}
	}
	p.srv.RegisterService(&wrapped, impl)
}

// after runs outer (if any), then the block time step, then the query.
func (p pastHeightTime) after(outer grpc.UnaryServerInterceptor) grpc.UnaryServerInterceptor {
	if outer == nil {
		return p.intercept
	}
	return func(ctx context.Context, req any, info *grpc.UnaryServerInfo, handler grpc.UnaryHandler) (any, error) {
		return outer(ctx, req, info, func(ctx context.Context, req any) (any, error) {
			return p.intercept(ctx, req, info, handler)
		})
	}
}

func (p pastHeightTime) intercept(ctx context.Context, req any, _ *grpc.UnaryServerInfo, handler grpc.UnaryHandler) (any, error) {
	return handler(p.withPastTime(ctx), req)
}

// withPastTime sets the block time of a context below the latest committed height to the
// time of its height, as BaseApp.CreateQueryContext does for a bare rootmulti store. Any other
// context (the latest height, a block being executed, no sdk.Context) is returned unchanged.
func (p pastHeightTime) withPastTime(ctx context.Context) context.Context {
	sdkCtx, ok := ctx.Value(sdk.SdkContextKey).(sdk.Context)
	if !ok {
		return ctx
	}
	h := sdkCtx.BlockHeight()
	if h <= 0 || h >= p.root.LatestVersion() {
		return ctx
	}
	info, err := p.root.GetCommitInfo(h)
	if err != nil || info == nil {
		return ctx
	}
	sdkCtx = sdkCtx.WithBlockTime(info.Timestamp)
	if _, bare := ctx.(sdk.Context); bare {
		return sdkCtx
	}
	return context.WithValue(ctx, sdk.SdkContextKey, sdkCtx)
}
