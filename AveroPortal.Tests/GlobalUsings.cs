// The portal host, peers and helpers every feature's tests use.
global using AveroPortal.Tests.Infrastructure;
global using AveroPortal.Tests.Peers;
