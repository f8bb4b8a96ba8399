package io.storefront;
public class Hello {}
